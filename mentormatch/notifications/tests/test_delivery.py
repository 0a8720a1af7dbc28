"""Delivery through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from mentormatch.notifications.delivery import outbox_claim, outbox_deliver_due
from mentormatch.notifications.models import OutboxMessage, OutboxStatus
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.notifications.testing import SmtpServer, text_and_html

pytestmark = pytest.mark.django_db


def _queue(n: int, context: dict[str, Any], prefix: str = "t") -> list[OutboxMessage]:
    messages = []
    for i in range(n):
        message = outbox_enqueue(
            dedupe_key=f"{prefix}-{i}",
            template="round_invitation",
            to_email=f"person{i}@example.edu",
            context=context,
        )
        assert message is not None
        messages.append(message)
    return messages


def test_a_queued_email_arrives_with_a_text_and_an_html_part(
    smtp_server: SmtpServer, invitation_context: dict[str, Any], django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _queue(1, invitation_context)

    (received,) = smtp_server.messages
    assert received["To"] == "person0@example.edu"
    assert received["Subject"] == 'You are invited to the mentoring round "Spring 2027"'
    text, html = text_and_html(received)
    assert "Dear Ada Lovelace" in text
    assert "http://testserver/questionnaire/" in text
    assert '<a href="http://testserver/questionnaire/">' in html
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_while_the_smtp_server_is_down_messages_wait_with_the_error_and_attempt_count(
    smtp_server: SmtpServer, invitation_context: dict[str, Any], django_capture_on_commit_callbacks
) -> None:
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        _queue(2, invitation_context)

    for message in OutboxMessage.objects.all():
        assert message.status == OutboxStatus.PENDING
        assert message.attempts == 1
        assert message.last_error
        assert message.next_attempt_at > timezone.now()
        assert message.sent_at is None


def test_after_the_server_comes_back_each_waiting_message_arrives_exactly_once(
    smtp_server: SmtpServer, invitation_context: dict[str, Any]
) -> None:
    smtp_server.stop()
    _queue(3, invitation_context)
    assert outbox_deliver_due() == {"sent": 0, "retry": 3, "failed": 0}

    smtp_server.start()
    # Not due yet: the back-off keeps them waiting.
    assert outbox_deliver_due() == {"sent": 0, "retry": 0, "failed": 0}
    later = timezone.now() + timedelta(minutes=5)
    assert outbox_deliver_due(now=later) == {"sent": 3, "retry": 0, "failed": 0}
    assert outbox_deliver_due(now=later + timedelta(hours=2)) == {
        "sent": 0,
        "retry": 0,
        "failed": 0,
    }

    recipients = sorted(str(m["To"]) for m in smtp_server.messages)
    assert recipients == [f"person{i}@example.edu" for i in range(3)]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert set(OutboxMessage.objects.values_list("last_error", flat=True)) == {""}


def test_a_message_is_given_up_after_the_configured_number_of_attempts(
    smtp_server: SmtpServer, invitation_context: dict[str, Any], settings: Any
) -> None:
    settings.MENTORMATCH = {**settings.MENTORMATCH, "EMAIL_MAX_ATTEMPTS": 2}
    smtp_server.stop()
    _queue(1, invitation_context)
    assert outbox_deliver_due()["retry"] == 1
    assert outbox_deliver_due(now=timezone.now() + timedelta(hours=1))["failed"] == 1

    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == 2
    smtp_server.start()
    assert outbox_deliver_due(now=timezone.now() + timedelta(days=1))["sent"] == 0
    assert smtp_server.messages == []


def test_the_same_notification_is_queued_only_once(invitation_context: dict[str, Any]) -> None:
    first = outbox_enqueue(
        dedupe_key="once",
        template="round_invitation",
        to_email="a@example.edu",
        context=invitation_context,
    )
    second = outbox_enqueue(
        dedupe_key="once",
        template="round_invitation",
        to_email="a@example.edu",
        context=invitation_context,
    )

    assert first is not None
    assert second is None
    assert OutboxMessage.objects.count() == 1


def test_a_message_claimed_by_one_worker_cannot_be_claimed_by_another(
    invitation_context: dict[str, Any],
) -> None:
    (message,) = _queue(1, invitation_context)
    now = timezone.now()

    assert outbox_claim(message_id=message.pk, now=now) is True
    assert outbox_claim(message_id=message.pk, now=now) is False
    # A worker that died mid-send loses its claim once the claim runs out.
    assert outbox_claim(message_id=message.pk, now=now + timedelta(minutes=10)) is True


def test_the_deliver_outbox_command_sends_what_is_due(
    smtp_server: SmtpServer, invitation_context: dict[str, Any], capsys: Any
) -> None:
    _queue(2, invitation_context)

    call_command("deliver_outbox")

    assert len(smtp_server.messages) == 2
    assert "sent 2" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deliveries_never_send_a_message_twice(
    smtp_server: SmtpServer, invitation_context: dict[str, Any]
) -> None:
    # Rows written directly: outbox_enqueue would start (inline) delivery at once.
    for i in range(12):
        OutboxMessage.objects.create(
            dedupe_key=f"c-{i}",
            kind="test",
            to_email=f"person{i}@example.edu",
            subject=f"Message {i}",
            body_text="Hello",
            body_html="<p>Hello</p>",
            next_attempt_at=timezone.now(),
        )
    results: list[dict[str, int]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def worker() -> None:
        from django.db import connection

        try:
            start.wait()
            results.append(outbox_deliver_due())
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(r["sent"] for r in results) == 12
    recipients = sorted(str(m["To"]) for m in smtp_server.messages)
    assert recipients == sorted(f"person{i}@example.edu" for i in range(12))
