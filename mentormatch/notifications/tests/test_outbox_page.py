"""The coordinators' outbox page and its "retry now" action."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from mentormatch.audit.models import AuditEvent
from mentormatch.notifications.delivery import outbox_deliver_due
from mentormatch.notifications.models import OutboxMessage, OutboxStatus
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.notifications.testing import SmtpServer
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _stuck_message(smtp_server: SmtpServer, context: dict[str, Any], capture: Any) -> OutboxMessage:
    smtp_server.stop()
    with capture(execute=True):  # the delivery attempt fails: the server is down
        outbox_enqueue(
            dedupe_key="stuck",
            template="round_invitation",
            to_email="stuck@example.edu",
            context=context,
        )
    message = OutboxMessage.objects.get()
    assert message.attempts == 1
    return message


def test_the_outbox_page_lists_unsent_mail_with_its_error(
    coordinator_client: Any,
    smtp_server: SmtpServer,
    invitation_context: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = _stuck_message(smtp_server, invitation_context, django_capture_on_commit_callbacks)

    html = coordinator_client.get("/notifications/outbox/").content.decode()

    assert "stuck@example.edu" in html
    assert message.last_error.split(":")[0] in html
    assert "Waiting to be sent" in html


def test_retry_now_sends_a_waiting_message_at_once_and_is_audited(
    coordinator_client: Any,
    smtp_server: SmtpServer,
    invitation_context: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = _stuck_message(smtp_server, invitation_context, django_capture_on_commit_callbacks)
    assert message.next_attempt_at > timezone.now()
    smtp_server.start()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            "/notifications/outbox/retry/", {"message": message.pk}, follow=True
        )

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert [str(m["To"]) for m in smtp_server.messages] == ["stuck@example.edu"]
    assert "Trying again now: 1 e-mail(s)." in response.content.decode()
    assert AuditEvent.objects.filter(action="outbox.retry").exists()


def test_retry_now_never_resends_a_sent_message(
    coordinator_client: Any,
    smtp_server: SmtpServer,
    invitation_context: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        outbox_enqueue(
            dedupe_key="done",
            template="round_invitation",
            to_email="done@example.edu",
            context=invitation_context,
        )
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post("/notifications/outbox/retry/")
    outbox_deliver_due(now=timezone.now() + timedelta(days=1))

    assert len(smtp_server.messages) == 1


def test_the_outbox_page_is_for_coordinators_only(client: Any) -> None:
    user = make_user("Max", profile=False)
    client.force_login(user)

    assert client.get("/notifications/outbox/").status_code == 403
    assert client.post("/notifications/outbox/retry/").status_code == 403
