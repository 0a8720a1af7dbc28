from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from mentormatch.directory.models import Profile, Publication
from mentormatch.rounds.models import Participation, Round, RoundStatus

_seq = itertools.count(1)


def new_user(name: str, **flags: Any) -> Any:
    n = next(_seq)
    return get_user_model().objects.create_user(
        username=f"{name.lower()}{n}",
        email=f"{name.lower()}{n}@example.edu",
        first_name=name,
        last_name=f"D{n}",
        **flags,
    )


def new_profile(user: Any, **fields: Any) -> Profile:
    values: dict[str, Any] = {
        "person_id": user.username,
        "department": "Cardiology",
        "rank": "Assistant Professor",
        "track": "research",
        "interests": "Heart failure trials",
        "keywords": ["heart failure", "trials"],
    }
    values.update(fields)
    profile = Profile.objects.create(user=user, **values)
    Publication.objects.create(profile=profile, title="Diuretics in heart failure", year=2022)
    return profile


def new_round(status: str = RoundStatus.OPEN) -> Round:
    today = timezone.localdate()
    return Round.objects.create(
        name=f"Autumn {next(_seq)}",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        status=status,
    )


def join(round: Round, user: Any, role: str = "mentee") -> Participation:
    return Participation.objects.create(round=round, user=user, role=role)


@pytest.fixture
def owner(db: Any) -> Any:
    return new_user("Olive", is_mentee=True)


@pytest.fixture
def coordinator(db: Any) -> Any:
    return new_user("Cora", is_coordinator=True)
