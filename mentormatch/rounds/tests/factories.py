"""Small builders for rounds tests: people with profiles, rounds, submitted questionnaires."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from mentormatch.directory.models import Profile, Publication
from mentormatch.rounds.models import Participation, Round, RoundStatus

_seq = itertools.count(1)

MENTEE_ANSWERS = {
    "areas_wanted": ["research", "grant_writing"],
    "career_track_pref": "no_preference",
    "department_pref": "no_preference",
    "mentor_rank_pref": "no_preference",
    "meeting_mode": "no_preference",
    "meeting_frequency": "monthly",
}
MENTOR_ANSWERS = {
    "areas_offered": ["research", "grant_writing", "publishing"],
    "career_track": "research",
    "mentor_rank": "Professor",
    "meeting_mode": "in_person",
    "meeting_frequency": "monthly",
    "capacity": 5,
}


def make_user(
    first_name: str,
    *,
    mentee: bool = False,
    mentor: bool = False,
    coordinator: bool = False,
    department: str = "Cardiology",
    rank: str = "Assistant Professor",
    interests: str = "heart failure clinical trials",
    publications: tuple[str, ...] = (),
    profile: bool = True,
) -> Any:
    n = next(_seq)
    user = get_user_model().objects.create_user(
        username=f"{first_name.lower()}{n}",
        email=f"{first_name.lower()}{n}@example.edu",
        password="a long test password 123",
        first_name=first_name,
        last_name=f"Tester{n}",
        is_mentee=mentee,
        is_mentor=mentor,
        is_coordinator=coordinator,
    )
    if profile:
        p = Profile.objects.create(
            user=user,
            person_id=f"p{n}",
            department=department,
            rank=rank,
            interests=interests,
            confirmed_at=timezone.now(),
        )
        for title in publications:
            Publication.objects.create(profile=p, title=title, year=2024)
    return user


def make_round(*, status: str = RoundStatus.OPEN, **fields: Any) -> Round:
    from mentormatch.questionnaire.defaults import questionnaire_install_defaults

    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "name": f"Round {next(_seq)}",
        "opens_on": today - dt.timedelta(days=1),
        "closes_on": today + dt.timedelta(days=30),
        "status": status,
        "matching_settings": {"affinity_method": "lexical"},
    }
    defaults.update(fields)
    round = Round.objects.create(**defaults)
    questionnaire_install_defaults(round=round)
    return round


def take_part(round: Round, user: Any, role: str, *, capacity: int = 1) -> Participation:
    return Participation.objects.create(
        round=round, user=user, role=role, capacity=capacity, invited_at=timezone.now()
    )


def submit(round: Round, user: Any, role: str, **answers: Any) -> None:
    from mentormatch.questionnaire.services import response_submit

    base = dict(MENTEE_ANSWERS if role == "mentee" else MENTOR_ANSWERS)
    base.update(answers)
    response_submit(round=round, user=user, role=role, answers=base)


def ready_round(mentees: int = 3, mentors: int = 2, **fields: Any) -> tuple[Round, list, list]:
    """An open round where everyone has submitted; mentors take up to five mentees each."""
    round = make_round(**fields)
    topics = ["heart failure trials", "cancer immunotherapy", "diabetes care", "stroke imaging"]
    mentee_users, mentor_users = [], []
    for i in range(mentees):
        user = make_user(f"Mentee{i}", mentee=True, interests=topics[i % len(topics)])
        take_part(round, user, "mentee")
        submit(round, user, "mentee")
        mentee_users.append(user)
    for i in range(mentors):
        user = make_user(
            f"Mentor{i}",
            mentor=True,
            rank="Professor",
            interests=topics[i % len(topics)],
            publications=(f"Advances in {topics[i % len(topics)]}",),
        )
        take_part(round, user, "mentor", capacity=5)
        submit(round, user, "mentor")
        mentor_users.append(user)
    return round, mentee_users, mentor_users
