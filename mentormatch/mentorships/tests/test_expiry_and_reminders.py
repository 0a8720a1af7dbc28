"""Requests expire after REQUEST_EXPIRY_DAYS; mentors are reminded after REQUEST_REMINDER_DAYS."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from mentormatch.mentorships import services
from mentormatch.mentorships.models import MentorshipRequest, RequestStatus
from mentormatch.notifications.models import OutboxMessage
from tests.scenarios import programme

pytestmark = pytest.mark.django_db


def _age(req: MentorshipRequest, *, days: int, expires_in_days: int) -> None:
    """Make the request look as if it was sent ``days`` ago."""
    now = timezone.now()
    MentorshipRequest.objects.filter(pk=req.pk).update(
        created_at=now - dt.timedelta(days=days),
        expires_at=now + dt.timedelta(days=expires_in_days),
    )


def test_a_new_request_expires_after_the_configured_days() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    with override_settings(MENTORMATCH={**settings.MENTORMATCH, "REQUEST_EXPIRY_DAYS": 10}):
        req = services.request_create(round=round, mentee=mentee, mentor=mentor)

    assert req.expires_at - req.created_at > dt.timedelta(days=9, hours=23)
    assert req.expires_at - req.created_at < dt.timedelta(days=10, minutes=1)


def test_a_waiting_request_gets_one_reminder_after_the_reminder_days() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    assert services.requests_remind_due() == 0  # too early

    _age(req, days=4, expires_in_days=3)

    assert services.requests_remind_due() == 1
    assert services.requests_remind_due() == 0  # once only
    reminders = OutboxMessage.objects.filter(kind="request_reminder")
    assert list(reminders.values_list("to_email", flat=True)) == [mentor.email]
    assert "Mentee0 Tester" in reminders.get().subject


def test_an_overdue_request_expires_tells_both_and_frees_the_mentee() -> None:
    round, (mentee, _), (mentor, other), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    _age(req, days=8, expires_in_days=-1)

    out = StringIO()
    call_command("process_requests", stdout=out)

    assert "Expired 1 request(s)" in out.getvalue()
    req.refresh_from_db()
    assert req.status == RequestStatus.EXPIRED
    assert OutboxMessage.objects.get(kind="request_expired").to_email == mentee.email
    assert OutboxMessage.objects.get(kind="request_expired_mentor").to_email == mentor.email
    assert services.requests_expire_due() == 0
    services.request_create(round=round, mentee=mentee, mentor=other)


def test_an_overdue_request_not_yet_processed_blocks_neither_the_mentee_nor_the_place() -> None:
    round, (mentee_a, mentee_b), (mentor, other), _ = programme(capacity=1)
    overdue = services.request_create(round=round, mentee=mentee_a, mentor=mentor)
    _age(overdue, days=8, expires_in_days=-1)

    services.request_create(round=round, mentee=mentee_b, mentor=mentor)
    services.request_create(round=round, mentee=mentee_a, mentor=other)

    overdue.refresh_from_db()
    assert overdue.status == RequestStatus.EXPIRED
    assert OutboxMessage.objects.get(kind="request_expired").to_email == mentee_a.email


def test_an_expired_request_can_no_longer_be_accepted() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    _age(req, days=8, expires_in_days=-1)

    with pytest.raises(services.MentorshipError, match="expired"):
        services.request_accept(request=req, mentor=mentor)


def test_the_process_requests_task_runs_both_jobs() -> None:
    from mentormatch.mentorships.tasks import process_requests

    round, (mentee_a, mentee_b), (mentor_a, mentor_b), _ = programme()
    old = services.request_create(round=round, mentee=mentee_a, mentor=mentor_a)
    waiting = services.request_create(round=round, mentee=mentee_b, mentor=mentor_b)
    _age(old, days=8, expires_in_days=-1)
    _age(waiting, days=4, expires_in_days=3)

    result = process_requests.enqueue()

    assert result.return_value == {"expired": 1, "reminded": 1}
