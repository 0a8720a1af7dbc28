"""Sending what the outbox holds: claim, send, mark; back off and retry on failure.

Claiming uses a conditional update, so several workers can deliver at once and no message is
sent twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.utils import timezone

from mentormatch.notifications.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

CLAIM_SECONDS = 120


def retry_delay(attempts: int) -> timedelta:
    """Back off exponentially: 1, 2, 4, ... minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


def _claim(message_id: int, now: datetime) -> bool:
    claimable = Q(status=OutboxStatus.PENDING) | Q(
        status=OutboxStatus.SENDING, claimed_until__lt=now
    )
    return (
        OutboxMessage.objects.filter(claimable, pk=message_id, next_attempt_at__lte=now).update(
            status=OutboxStatus.SENDING, claimed_until=now + timedelta(seconds=CLAIM_SECONDS)
        )
        == 1
    )


def outbox_deliver_due(*, now: datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send every message that is due; return counts of what happened."""
    now = now or timezone.now()
    due = OutboxMessage.objects.filter(
        Q(status=OutboxStatus.PENDING) | Q(status=OutboxStatus.SENDING, claimed_until__lt=now),
        next_attempt_at__lte=now,
    ).values_list("pk", flat=True)[:limit]
    counts = {"sent": 0, "retry": 0, "failed": 0}
    connection = None
    for message_id in list(due):
        if not _claim(message_id, now):
            continue
        message = OutboxMessage.objects.get(pk=message_id)
        try:
            if connection is None:
                connection = get_connection(fail_silently=False)
            email = EmailMultiAlternatives(
                subject=message.subject,
                body=message.body_text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.to_email],
                connection=connection,
            )
            if message.body_html:
                email.attach_alternative(message.body_html, "text/html")
            email.send()
        except Exception as exc:  # noqa: BLE001 - any transport failure means "try later"
            connection = None
            attempts = message.attempts + 1
            gave_up = attempts >= int(settings.MENTORMATCH["EMAIL_MAX_ATTEMPTS"])
            OutboxMessage.objects.filter(pk=message_id).update(
                status=OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
                attempts=attempts,
                next_attempt_at=now + retry_delay(attempts),
                claimed_until=None,
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
            )
            counts["failed" if gave_up else "retry"] += 1
            log.warning("E-mail %s to %s not sent: %s", message_id, message.to_email, exc)
            continue
        OutboxMessage.objects.filter(pk=message_id).update(
            status=OutboxStatus.SENT,
            attempts=message.attempts + 1,
            sent_at=timezone.now(),
            claimed_until=None,
            last_error="",
        )
        counts["sent"] += 1
    return counts
