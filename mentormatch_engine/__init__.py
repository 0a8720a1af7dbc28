"""MentorMatch matching engine: affinity, rules, optimal assignment, shortlists.

A plain Python package (NumPy/SciPy); it never imports Django.
"""

from mentormatch_engine.interface import (
    Certificate,
    Criterion,
    MatchConfig,
    MatchResult,
    Participant,
    PersonRecord,
    Publication,
    ShortlistEntry,
    Topic,
)

__all__ = [
    "Certificate",
    "Criterion",
    "MatchConfig",
    "MatchResult",
    "Participant",
    "PersonRecord",
    "Publication",
    "ShortlistEntry",
    "Topic",
]
