from __future__ import annotations

from typing import Any

import pytest

from mentormatch.notifications.testing import smtp_server  # noqa: F401
from mentormatch.rounds.tests.factories import make_user


@pytest.fixture
def coordinator(db: Any) -> Any:
    return make_user("Cora", coordinator=True, profile=False)


@pytest.fixture
def coordinator_client(client: Any, coordinator: Any) -> Any:
    client.force_login(coordinator)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
