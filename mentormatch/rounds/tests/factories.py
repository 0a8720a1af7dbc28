"""Deprecated shim: import from ``tests.factories`` and ``tests.scenarios`` instead.

Kept only for tests written on other branches against the old builders (emails-work:
``rounds/tests/test_emails.py``, ``matching/tests/test_emails.py``,
``tests/test_confidential_suggestions.py``; prod-work: ``matching/tests/test_run_liveness.py``).
Delete it once they are merged and moved over.
"""

from __future__ import annotations

from typing import Any

from mentormatch.accounts.models import User
from mentormatch.questionnaire.models import Response
from mentormatch.rounds.models import Round
from tests import factories
from tests.factories import join as take_part
from tests.factories import make_round, make_user
from tests.scenarios import ready_round

__all__ = ["make_round", "make_user", "ready_round", "submit", "take_part"]


def submit(round: Round, user: User, role: str, **answers: Any) -> Response:
    """The old keyword form of ``tests.factories.submit``."""
    return factories.submit(round, user, role, answers)
