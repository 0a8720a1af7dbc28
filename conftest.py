"""Fixtures and hooks shared by every test (apps' own conftest files add to them)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from mentormatch.notifications.testing import smtp_server  # noqa: F401
from mentormatch.rounds.models import Round
from tests.factories import join, make_round, make_user


def pytest_runtest_setup(item: pytest.Item) -> None:
    """PostgreSQL-only tests (real row locks under concurrency) skip on SQLite."""
    if item.get_closest_marker("postgres_only") is None:
        return
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks; run with "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentormatch"
        )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def coordinator(db: Any) -> Any:
    return make_user("Cora", coordinator=True, profile=False)


@pytest.fixture
def coordinator_client(client: Any, coordinator: Any) -> Any:
    client.force_login(coordinator)
    return client


@pytest.fixture
def round(db: Any) -> Round:
    """An open round with the default questionnaire."""
    return make_round()


@pytest.fixture
def mentee(round: Round) -> Any:
    """Mia, a mentee without a profile, taking part in ``round``."""
    user = make_user("Mia", mentee=True, profile=False)
    join(round, user, "mentee")
    return user


@pytest.fixture
def mentor(round: Round) -> Any:
    """Otto, a mentor without a profile, taking part in ``round``."""
    user = make_user("Otto", mentor=True, profile=False)
    join(round, user, "mentor")
    return user
