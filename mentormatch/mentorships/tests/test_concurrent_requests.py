"""Requests arriving at the same moment, on PostgreSQL with real row locks.

Each thread has its own database connection (Django's connections are per thread) and waits at
a barrier, so the service calls start together.  The assertions are on the final database
state: a mentor's places are never over-filled, a mentee never holds two open requests, and no
thread fails with anything but the domain error that explains the refusal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection

from mentormatch.mentorships import services
from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RequestStatus
from mentormatch.rounds.models import ParticipantRole, Participation
from tests.scenarios import programme

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def run_together(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Run every call in its own thread, released at the same instant; collect the outcomes."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = call()
            with lock:
                results.append(outcome)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return results, errors


def only_domain_errors(errors: list[BaseException]) -> list[str]:
    unexpected = [e for e in errors if not isinstance(e, services.MentorshipError)]
    assert not unexpected, unexpected
    return [e.message for e in errors if isinstance(e, services.MentorshipError)]


@pytest.mark.parametrize("capacity", [1, 2])
def test_many_mentees_at_one_mentor_never_exceed_the_mentors_places(capacity: int) -> None:
    round, mentees, (mentor,), _ = programme(mentees=8, mentors=1, capacity=capacity)

    results, errors = run_together(
        [partial(services.request_create, round=round, mentee=m, mentor=mentor) for m in mentees]
    )

    messages = only_domain_errors(errors)
    assert len(results) == capacity
    assert len(messages) == 8 - capacity
    assert all("no places left" in m for m in messages)
    assert (
        MentorshipRequest.objects.filter(mentor=mentor, status=RequestStatus.PENDING).count()
        == capacity
    )


def test_one_mentee_at_many_mentors_holds_at_most_one_open_request() -> None:
    round, (mentee,), mentors, _ = programme(mentees=1, mentors=6, capacity=1)

    results, errors = run_together(
        [partial(services.request_create, round=round, mentee=mentee, mentor=m) for m in mentors]
    )

    messages = only_domain_errors(errors)
    assert len(results) == 1
    assert len(messages) == 5
    assert (
        MentorshipRequest.objects.filter(mentee=mentee, status=RequestStatus.PENDING).count() == 1
    )


def test_a_crowd_of_mentees_and_mentors_keeps_every_rule() -> None:
    round, mentees, mentors, _ = programme(mentees=6, mentors=3, capacity=1)
    mentors[0].participations.filter(round=round).update(capacity=2)

    _, errors = run_together(
        [
            partial(services.request_create, round=round, mentee=a, mentor=b)
            for a in mentees
            for b in mentors
        ]
    )

    only_domain_errors(errors)
    pending = MentorshipRequest.objects.filter(round=round, status=RequestStatus.PENDING)
    for participation in Participation.objects.filter(round=round, role=ParticipantRole.MENTOR):
        taken = pending.filter(mentor_id=participation.user_id).count()
        assert taken == participation.capacity, participation  # every place filled, none over
    for mentee in mentees:
        assert pending.filter(mentee=mentee).count() <= 1
    assert pending.count() == 4


def test_concurrent_accepts_never_exceed_a_lowered_capacity() -> None:
    round, mentees, (mentor,), _ = programme(mentees=3, mentors=1, capacity=3)
    requests = [services.request_create(round=round, mentee=m, mentor=mentor) for m in mentees]
    Participation.objects.filter(round=round, user=mentor).update(capacity=1)

    results, errors = run_together(
        [partial(services.request_accept, request=r, mentor=mentor) for r in requests]
    )

    messages = only_domain_errors(errors)
    assert len(results) == 1
    assert all("no places left" in m for m in messages)
    assert Mentorship.objects.filter(mentor=mentor).count() == 1


def test_the_same_request_accepted_twice_at_once_makes_one_mentorship() -> None:
    round, (mentee,), (mentor,), _ = programme(mentees=1, mentors=1, capacity=1)
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)

    results, errors = run_together(
        [partial(services.request_accept, request=req, mentor=mentor) for _ in range(4)]
    )

    messages = only_domain_errors(errors)
    assert len(results) == 1
    assert all("no longer waiting" in m for m in messages)
    assert Mentorship.objects.filter(mentee=mentee).count() == 1
