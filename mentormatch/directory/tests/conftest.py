from __future__ import annotations

from typing import Any

import pytest

from mentormatch.accounts.models import User
from mentormatch.directory.models import Profile
from mentormatch.rounds.models import Round, RoundStatus
from tests.factories import make_profile, make_round, make_user


@pytest.fixture
def owner(db: Any) -> Any:
    """Olive, a mentee whose profile the tests create (she has none yet)."""
    return make_user("Olive", mentee=True, profile=False)


# Deprecated shims of the old builders, kept only for a test written on another branch
# (emails-work: ``directory/tests/test_emails.py``); use ``tests.factories``. Delete them once
# it is merged and moved over.


def new_user(name: str, **flags: Any) -> User:
    return make_user(name, profile=False, **{k.removeprefix("is_"): v for k, v in flags.items()})


def new_profile(user: User, **fields: Any) -> Profile:
    values: dict[str, Any] = {
        "person_id": user.username,
        "track": "research",
        "interests": "Heart failure trials",
        "keywords": ["heart failure", "trials"],
        "publications": ["Diuretics in heart failure"],
    }
    return make_profile(user, **{**values, **fields})


def new_round(status: str = RoundStatus.OPEN) -> Round:
    return make_round(status=status, questionnaire=False)
