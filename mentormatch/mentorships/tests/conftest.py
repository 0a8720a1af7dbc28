"""Skips PostgreSQL-only tests (real row locks under concurrency) when running on SQLite."""

from __future__ import annotations

import pytest
from django.conf import settings


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres_only") is None:
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks; run with "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentormatch"
        )
