"""Small builders for the home-page and report tests: people, a round, a run, requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.directory.models import Profile
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipSource,
    RequestStatus,
)
from mentormatch.questionnaire.models import Answer, Question, Response, ResponseStatus
from mentormatch.rounds.models import Participation, Round, RoundStatus

PASSWORD = "correct horse battery staple"


def person(
    username: str,
    *,
    mentee: bool = False,
    mentor: bool = False,
    coordinator: bool = False,
    department: str = "",
    rank: str = "",
    complete: bool = True,
    password: str | None = None,
) -> User:
    """A person; ``password`` only for tests that sign in through the form (hashing is slow)."""
    first, _, last = username.partition("_")
    user = User.objects.create_user(
        username=username,
        password=password,
        email=f"{username}@example.edu",
        first_name=first.title(),
        last_name=(last or "Person").title(),
        is_mentee=mentee,
        is_mentor=mentor,
        is_coordinator=coordinator,
    )
    if complete or department or rank:
        Profile.objects.create(
            user=user,
            person_id=f"p-{username}",
            department=department or ("Cardiology" if complete else ""),
            rank=rank or ("Assistant Professor" if complete else ""),
            interests="heart failure outcomes" if complete else "",
        )
    return user


def open_round(name: str = "Spring 2027", **fields: Any) -> Round:
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "status": RoundStatus.OPEN,
        "opens_on": today - dt.timedelta(days=10),
        "closes_on": today + dt.timedelta(days=20),
        "opened_at": timezone.now() - dt.timedelta(days=10),
    }
    defaults.update(fields)
    return Round.objects.create(name=name, **defaults)


def join(round_: Round, user: User, role: str, capacity: int = 1) -> Participation:
    return Participation.objects.create(round=round_, user=user, role=role, capacity=capacity)


def submit(round_: Round, user: User, role: str, answers: dict[str, Any] | None = None) -> Response:
    response = Response.objects.create(
        round=round_,
        user=user,
        role=role,
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for key, value in (answers or {}).items():
        Answer.objects.create(
            response=response, question=Question.objects.get(round=round_, key=key), value=value
        )
    return response


def published_run(round_: Round, shortlists: dict[User, list[tuple[User, float]]]) -> MatchRun:
    run = MatchRun.objects.create(
        round=round_,
        status=RunStatus.SUCCEEDED,
        progress=1.0,
        finished_at=timezone.now(),
        is_published=True,
    )
    for mentee, entries in shortlists.items():
        for position, (mentor, score) in enumerate(entries, start=1):
            Suggestion.objects.create(
                run=run,
                mentee=mentee,
                mentor=mentor,
                position=position,
                score=score,
                assigned=position == 1,
            )
    round_.results_published_at = run.finished_at
    round_.save(update_fields=["results_published_at"])
    return run


def request(
    round_: Round, mentee: User, mentor: User, status: str = RequestStatus.PENDING
) -> MentorshipRequest:
    return MentorshipRequest.objects.create(
        round=round_,
        mentee=mentee,
        mentor=mentor,
        status=status,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )


def match(round_: Round, mentee: User, mentor: User) -> Mentorship:
    req = request(round_, mentee, mentor, RequestStatus.ACCEPTED)
    return Mentorship.objects.create(
        round=round_, mentee=mentee, mentor=mentor, request=req, source=MentorshipSource.REQUEST
    )
