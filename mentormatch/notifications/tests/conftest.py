from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest


@pytest.fixture
def invitation_context() -> dict[str, Any]:
    return {
        "user": SimpleNamespace(display_name="Ada Lovelace"),
        "round": SimpleNamespace(
            name="Spring 2027",
            description="",
            opens_on=dt.date(2027, 3, 1),
            closes_on=dt.date(2027, 3, 31),
        ),
        "role_label": "Mentee",
        "link": "http://testserver/questionnaire/",
    }
