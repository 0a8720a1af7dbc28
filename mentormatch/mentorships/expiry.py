"""Scheduled work on requests: expire the overdue ones, remind mentors of waiting ones.

Each row is claimed with a conditional update, so two runs at once (the scheduled task and a
mentee's new request clearing the way, or two workers) act on it only once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mentormatch.mentorships import emails
from mentormatch.mentorships.models import MentorshipRequest, RequestStatus


def request_expire(pk: int, now: datetime) -> bool:
    """Expire one overdue pending request and tell both sides; False if it was not due (or
    someone else expired it first).  Call inside a transaction."""
    claimed = MentorshipRequest.objects.filter(
        pk=pk, status=RequestStatus.PENDING, expires_at__lte=now
    ).update(status=RequestStatus.EXPIRED, responded_at=now)
    if not claimed:
        return False
    req = MentorshipRequest.objects.select_related("round", "mentee", "mentor").get(pk=pk)
    emails.send_request_expired_to_mentee(request=req)
    emails.send_request_expired_to_mentor(request=req)
    return True


def requests_expire_due(*, now: datetime | None = None) -> int:
    """Expire every pending request past ``expires_at``; tell both sides. Returns the count."""
    now = now or timezone.now()
    due = list(
        MentorshipRequest.objects.filter(
            status=RequestStatus.PENDING, expires_at__lte=now
        ).values_list("pk", flat=True)
    )
    expired = 0
    for pk in due:
        with transaction.atomic():
            expired += request_expire(pk, now)
    return expired


def requests_remind_due(*, now: datetime | None = None) -> int:
    """Remind mentors of requests waiting ``REQUEST_REMINDER_DAYS``; once each. Returns count."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MENTORMATCH["REQUEST_REMINDER_DAYS"])
    due = list(
        MentorshipRequest.objects.filter(
            status=RequestStatus.PENDING,
            reminder_sent_at__isnull=True,
            created_at__lte=cutoff,
            expires_at__gt=now,
        ).values_list("pk", flat=True)
    )
    reminded = 0
    for pk in due:
        with transaction.atomic():
            claimed = MentorshipRequest.objects.filter(
                pk=pk, status=RequestStatus.PENDING, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            req = MentorshipRequest.objects.select_related("round", "mentee", "mentor").get(pk=pk)
            emails.send_request_reminder(request=req)
            reminded += 1
    return reminded
