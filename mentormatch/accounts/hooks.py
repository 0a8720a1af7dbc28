"""How apps above accounts take part in a directory sign-in without accounts importing them.

* ``imported_person_finder_register``: a finder that, given the directory's person id, returns
  an account that an import created for that person (the directory app looks up research
  profiles by their id), so the first sign-in links it instead of making a second account.
* ``person_synced``: sent after each directory or single sign-on sign-in has refreshed the
  account, with ``user``, ``attributes`` (our names: department, rank, person_id, ...),
  ``username`` and ``source``; the directory app copies department and rank to the profile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

person_synced = Signal()

PersonFinder = Callable[[str], Any]
_finders: dict[str, PersonFinder] = {}


def imported_person_finder_register(key: str, finder: PersonFinder) -> None:
    _finders[key] = finder


def imported_person_by_id(person_id: str) -> Any:
    """The imported account of the person with this directory id, or None."""
    for finder in _finders.values():
        user = finder(person_id)
        if user is not None:
            return user
    return None
