"""Sending what the outbox holds: claim, send, mark; back off and retry on failure.

Claiming uses a conditional update, so several workers can deliver at once and no message is
sent twice.  A pass that leaves messages waiting (the SMTP server is down) schedules one
follow-up pass for when the next message is due (:func:`outbox_schedule_followup`), so a
worker retries without anyone watching; ``manage.py deliver_outbox --loop`` does the same for
set-ups whose task backend cannot defer tasks.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import default_task_backend

from mentormatch.notifications.models import DeliveryWakeup, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

CLAIM_SECONDS = 120
WAKEUP_SLACK_SECONDS = 3


def retry_delay(attempts: int) -> timedelta:
    """Back off exponentially: 1, 2, 4, ... minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


def _claimable(now: datetime) -> Q:
    # A "sending" row whose claim ran out belongs to a worker that died mid-send.
    return Q(status=OutboxStatus.PENDING) | Q(status=OutboxStatus.SENDING, claimed_until__lt=now)


def outbox_claim(*, message_id: int, now: datetime) -> bool:
    """Take one due message for sending; False when another worker has it (or it is done)."""
    return (
        OutboxMessage.objects.filter(
            _claimable(now), pk=message_id, next_attempt_at__lte=now
        ).update(status=OutboxStatus.SENDING, claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
        == 1
    )


def _build(message: OutboxMessage, connection: BaseEmailBackend) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        connection=connection,
        headers={"X-MentorMatch-Message": message.dedupe_key},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    return email


def _mark_failed_attempt(message: OutboxMessage, exc: Exception, now: datetime) -> bool:
    """Record a failed try; return True when the message is given up."""
    attempts = message.attempts + 1
    gave_up = attempts >= int(settings.MENTORMATCH["EMAIL_MAX_ATTEMPTS"])
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
        attempts=attempts,
        next_attempt_at=now + retry_delay(attempts),
        claimed_until=None,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
    log.warning("E-mail %s to %s not sent: %s", message.pk, message.to_email, exc)
    return gave_up


def outbox_deliver_due(*, now: datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send every message that is due; return counts of what happened."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(_claimable(now), next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    counts = {"sent": 0, "retry": 0, "failed": 0}
    connection: BaseEmailBackend | None = None
    try:
        for message_id in due:
            if not outbox_claim(message_id=message_id, now=now):
                continue
            message = OutboxMessage.objects.get(pk=message_id)
            try:
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                _build(message, connection).send()
            except Exception as exc:  # noqa: BLE001 - any transport failure means "try later"
                if connection is not None:
                    _close_quietly(connection)
                connection = None
                counts["failed" if _mark_failed_attempt(message, exc, now) else "retry"] += 1
                continue
            OutboxMessage.objects.filter(pk=message_id).update(
                status=OutboxStatus.SENT,
                attempts=message.attempts + 1,
                sent_at=timezone.now(),
                claimed_until=None,
                last_error="",
            )
            counts["sent"] += 1
    finally:
        if connection is not None:
            _close_quietly(connection)
    return counts


def _close_quietly(connection: BaseEmailBackend) -> None:
    with contextlib.suppress(Exception):  # the server may already be gone
        connection.close()


def outbox_next_due() -> datetime | None:
    """When the earliest waiting message may be tried next (None when nothing waits)."""
    waiting = OutboxMessage.objects.filter(
        status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]
    ).aggregate(due=Min("next_attempt_at"), claim=Min("claimed_until"))
    candidates = [d for d in (waiting["due"], waiting["claim"]) if d is not None]
    return min(candidates) if candidates else None


def outbox_wakeup_claim(*, now: datetime | None = None) -> datetime | None:
    """Claim the next delivery pass for the next waiting message, unless one is due first.

    Returns when that pass should run (the caller queues it), or None when no pass is needed
    (nothing waits, an earlier pass is already scheduled, or the task backend cannot defer).
    """
    now = now or timezone.now()
    due = outbox_next_due()
    if due is None or not default_task_backend.supports_defer:
        return None
    # Some queues (RQ) keep whole seconds and may start a deferred task up to a second early:
    # wake up one whole second after the message is due, so it is due when the pass runs.
    due = max(due, now) + timedelta(seconds=1)
    due = due.replace(microsecond=0) + timedelta(seconds=1)
    DeliveryWakeup.objects.get_or_create(pk=1)
    # Take over the wake-up only when none is pending before `due` (conditional update: two
    # workers finishing at once schedule one pass, not two).  A wake-up due within the next
    # few seconds counts as firing now (this pass may be it), so it never blocks the next one.
    taken = (
        DeliveryWakeup.objects.filter(pk=1)
        .filter(
            Q(due_at__isnull=True)
            | Q(due_at__lte=now + timedelta(seconds=WAKEUP_SLACK_SECONDS))
            | Q(due_at__gt=due)
        )
        .update(due_at=due)
    )
    return due if taken else None
