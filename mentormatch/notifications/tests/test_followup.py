"""A delivery pass that leaves mail waiting schedules one more pass (database task backend)."""

from __future__ import annotations

from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from mentormatch.notifications.models import OutboxMessage
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.notifications.tasks import (
    outbox_deliver_and_reschedule,
    outbox_schedule_followup,
)
from mentormatch.notifications.testing import SmtpServer

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_mail_left_waiting_schedules_one_retry_pass_when_the_next_message_is_due(
    smtp_server: SmtpServer,
    invitation_context: dict[str, Any],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = DATABASE_TASKS
    smtp_server.stop()
    outbox_enqueue(
        dedupe_key="w-1",
        template="round_invitation",
        to_email="a@example.edu",
        context=invitation_context,
    )

    with django_capture_on_commit_callbacks(execute=True):
        outbox_deliver_and_reschedule()
    with django_capture_on_commit_callbacks(execute=True):
        outbox_deliver_and_reschedule()  # a second worker finishing: no second chain

    message = OutboxMessage.objects.get()
    deferred = DBTaskResult.objects.filter(
        task_path="mentormatch.notifications.tasks.deliver_outbox", run_after__gt=message.created_at
    ).exclude(run_after__year=9999)
    assert deferred.count() == 1
    # Whole seconds after the message is due (RQ keeps whole seconds and may start early).
    wake_up = deferred.get().run_after
    assert wake_up > message.next_attempt_at
    assert wake_up.microsecond == 0


def test_a_wake_up_pass_that_finds_nothing_due_yet_schedules_the_next_one(
    smtp_server: SmtpServer,
    invitation_context: dict[str, Any],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    settings.TASKS = DATABASE_TASKS
    smtp_server.stop()
    outbox_enqueue(
        dedupe_key="w-3",
        template="round_invitation",
        to_email="a@example.edu",
        context=invitation_context,
    )
    with django_capture_on_commit_callbacks(execute=True):
        outbox_deliver_and_reschedule()
    first = outbox_schedule_followup()  # another worker, same moment: nothing new
    assert first is None

    # The wake-up pass itself, started a moment early: the message is not due yet.
    message = OutboxMessage.objects.get()
    early = message.next_attempt_at - timedelta(milliseconds=500)
    with django_capture_on_commit_callbacks(execute=True):
        again = outbox_schedule_followup(now=early)

    assert again is not None and again > message.next_attempt_at
    assert timezone.now() < again


def test_nothing_is_scheduled_when_everything_was_sent(
    smtp_server: SmtpServer,
    invitation_context: dict[str, Any],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = DATABASE_TASKS
    outbox_enqueue(
        dedupe_key="w-2",
        template="round_invitation",
        to_email="a@example.edu",
        context=invitation_context,
    )

    with django_capture_on_commit_callbacks(execute=True):
        counts = outbox_deliver_and_reschedule()

    assert counts["sent"] == 1
    assert len(smtp_server.messages) == 1
    assert not DBTaskResult.objects.exclude(run_after__year=9999).exists()
