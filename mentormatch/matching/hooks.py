"""What matching needs to know from the apps above it, registered by those apps.

Matching sits below mentorships (a request points at a suggestion), yet a run must leave out
pairs a mentor has already declined, and publishing must not send a new shortlist to a mentee
who has already chosen.  The mentorships app registers both answers here in its
``AppConfig.ready``; with nothing registered, nothing is excluded and nobody has chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from mentormatch.rounds.models import Round

PairsSource = Callable[[Round], set[tuple[int, int]]]
PeopleSource = Callable[[Round], set[int]]

_excluded_pairs: dict[str, PairsSource] = {}
_settled_mentees: dict[str, PeopleSource] = {}


def excluded_pairs_register(key: str, source: PairsSource) -> None:
    """``source(round)`` gives (mentee id, mentor id) pairs the engine must never make."""
    _excluded_pairs[key] = source


def settled_mentees_register(key: str, source: PeopleSource) -> None:
    """``source(round)`` gives the mentees who already asked a mentor or were matched."""
    _settled_mentees[key] = source


def excluded_pairs(round: Round) -> set[tuple[int, int]]:
    return set().union(*(source(round) for source in _excluded_pairs.values()))


def settled_mentees(round: Round) -> set[int]:
    return set().union(*(source(round) for source in _settled_mentees.values()))
