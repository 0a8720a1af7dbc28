"""The hook through which each app feeds "Download my data" and "Erase my data".

Each app that stores something about a person registers a :class:`PersonalDataSection` in its
``AppConfig.ready``: ``export(user)`` returns what it stores about the person as JSON-ready
values (a dict of named parts), ``erase(user)`` removes what identifies them and keeps what the
programme's anonymous counts need.  The privacy app, at the top of the stack, runs every
section; this module, at the bottom, only keeps the list, so no app imports a higher one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

# Never exported, even to the owner.
SECRET_FIELDS = {"password"}


@dataclass(frozen=True)
class PersonalDataSection:
    """``order`` sets the order of the download; erasure runs in reverse order (so the
    account, first in the download, is erased last)."""

    key: str
    order: int
    export: Callable[[Any], dict[str, Any]]
    erase: Callable[[Any], None] | None = None


_SECTIONS: dict[str, PersonalDataSection] = {}


def personal_data_register(section: PersonalDataSection) -> None:
    _SECTIONS[section.key] = section


def personal_data_sections() -> list[PersonalDataSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def model_row(obj: models.Model) -> dict[str, Any]:
    """Every concrete field of ``obj`` (foreign keys as their ids), secrets left out."""
    return {
        field.attname: _plain(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if field.name not in SECRET_FIELDS
    }


def model_rows(objs: Iterable[models.Model]) -> list[dict[str, Any]]:
    return [model_row(obj) for obj in objs]
