from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from mentormatch.questionnaire.defaults import questionnaire_install_defaults
from mentormatch.rounds.models import Participation, Round, RoundStatus

_seq = itertools.count(1)


def new_user(name: str, **flags: Any) -> Any:
    n = next(_seq)
    return get_user_model().objects.create_user(
        username=f"{name.lower()}{n}",
        email=f"{name.lower()}{n}@example.edu",
        first_name=name,
        last_name=f"Q{n}",
        **flags,
    )


def new_round(*, status: str = RoundStatus.OPEN, defaults: bool = True) -> Round:
    today = timezone.localdate()
    round = Round.objects.create(
        name=f"Spring {next(_seq)}",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=30),
        status=status,
    )
    if defaults:
        questionnaire_install_defaults(round=round)
    return round


def join(round: Round, user: Any, role: str, capacity: int = 1) -> Participation:
    return Participation.objects.create(round=round, user=user, role=role, capacity=capacity)


@pytest.fixture
def round(db: Any) -> Round:
    return new_round()


@pytest.fixture
def mentee(round: Round) -> Any:
    user = new_user("Mia", is_mentee=True)
    join(round, user, "mentee")
    return user


@pytest.fixture
def mentor(round: Round) -> Any:
    user = new_user("Otto", is_mentor=True)
    join(round, user, "mentor")
    return user


@pytest.fixture
def coordinator(db: Any) -> Any:
    return new_user("Cora", is_coordinator=True)
