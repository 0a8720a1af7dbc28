"""Deprecated shim: import from ``tests.factories`` instead.

Kept only for tests written on another branch against the old builders (standing-work:
``mentorships/tests/every_stage.py``, ``mentorships/tests/test_standing.py``,
``reports/tests/test_pages_agree.py``). Delete it once they are merged and moved over.
"""

from __future__ import annotations

from typing import Any

from mentormatch.accounts.models import User
from mentormatch.rounds.models import Round
from tests.factories import join, make_round, make_user, submit
from tests.factories import make_mentorship as match
from tests.factories import make_request as request
from tests.factories import publish_run as published_run

__all__ = ["join", "match", "open_round", "person", "published_run", "request", "submit"]


def person(username: str, *, complete: bool = True, **traits: Any) -> User:
    """The old form: ``"ana_lima"`` is Ana Lima; ``complete=False`` has no profile."""
    first, _, last = username.partition("_")
    return make_user(
        first.title(),
        username=username,
        last_name=(last or "person").title(),
        profile=complete,
        **traits,
    )


def open_round(name: str = "Spring 2027", **fields: Any) -> Round:
    """The old form: an open round without a questionnaire."""
    return make_round(name, questionnaire=False, **fields)
