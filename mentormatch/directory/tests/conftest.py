from __future__ import annotations

from typing import Any

import pytest

from tests.factories import make_user


@pytest.fixture
def owner(db: Any) -> Any:
    """Olive, a mentee whose profile the tests create (she has none yet)."""
    return make_user("Olive", mentee=True, profile=False)
