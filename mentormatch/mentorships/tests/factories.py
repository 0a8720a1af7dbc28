"""Small builders for the people, rounds and shortlists these tests need."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.directory.models import Profile
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.rounds.models import ParticipantRole, Participation, Round, RoundStatus


def make_user(
    username: str,
    *,
    first: str = "",
    last: str = "",
    department: str = "Medicine",
    rank: str = "Assistant Professor",
    **flags: Any,
) -> User:
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.edu",
        password=None,  # tests sign in with force_login; hashing is slow
        first_name=first or username.capitalize(),
        last_name=last or "Tester",
        **flags,
    )
    Profile.objects.create(user=user, person_id=f"p-{username}", department=department, rank=rank)
    return user


def make_round(*, name: str = "Spring 2027", published: bool = True) -> Round:
    today = timezone.localdate()
    return Round.objects.create(
        name=name,
        status=RoundStatus.CLOSED if published else RoundStatus.OPEN,
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=1),
        results_published_at=timezone.now() if published else None,
    )


def take_part(round: Round, user: User, role: str, *, capacity: int = 1) -> Participation:
    return Participation.objects.create(round=round, user=user, role=role, capacity=capacity)


def publish_run(round: Round) -> MatchRun:
    return MatchRun.objects.create(round=round, status=RunStatus.SUCCEEDED, is_published=True)


def suggest(
    run: MatchRun,
    mentee: User,
    mentor: User,
    *,
    position: int = 1,
    score: float = 0.82,
    topics: list[list[Any]] | None = None,
    preferences: list[str] | None = None,
) -> Suggestion:
    return Suggestion.objects.create(
        run=run,
        mentee=mentee,
        mentor=mentor,
        position=position,
        score=score,
        shared_topics=topics if topics is not None else [["cardiac imaging", 0.4]],
        preferences_met=preferences if preferences is not None else ["Same track"],
    )


def programme(
    *, mentees: int = 2, mentors: int = 2, capacity: int = 1
) -> tuple[Round, list[User], list[User], MatchRun]:
    """A published round where every mentee has every mentor on their shortlist."""
    round = make_round()
    run = publish_run(round)
    mentee_users = [
        make_user(f"mentee{i}", first=f"Mentee{i}", is_mentee=True) for i in range(mentees)
    ]
    mentor_users = [
        make_user(f"mentor{i}", first=f"Mentor{i}", rank="Professor", is_mentor=True)
        for i in range(mentors)
    ]
    for mentee in mentee_users:
        take_part(round, mentee, ParticipantRole.MENTEE)
    for mentor in mentor_users:
        take_part(round, mentor, ParticipantRole.MENTOR, capacity=capacity)
    for mentee in mentee_users:
        for position, mentor in enumerate(mentor_users, start=1):
            suggest(run, mentee, mentor, position=position, score=round_score(position))
    return round, mentee_users, mentor_users, run


def round_score(position: int) -> float:
    return max(0.1, 0.9 - 0.1 * position)
