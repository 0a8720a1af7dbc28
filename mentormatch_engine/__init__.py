"""MentorMatch matching engine: affinity, rules, optimal assignment, shortlists.

A plain Python package (NumPy/SciPy); it never imports Django.
"""

from typing import TYPE_CHECKING

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
from mentormatch_engine.records import (
    RecordError,
    participant_from_dict,
    person_record_from_dict,
    read_participants,
    read_person_records,
)

if TYPE_CHECKING:
    from mentormatch_engine.pipeline import match


def __getattr__(name: str) -> object:
    # `match` pulls in the affinity stack; imported on first use so that the `assign`
    # command line (which needs none of it) starts fast
    if name == "match":
        from mentormatch_engine.pipeline import match

        return match
    raise AttributeError(f"module 'mentormatch_engine' has no attribute {name!r}")


__all__ = [
    "Certificate",
    "Criterion",
    "MatchConfig",
    "MatchResult",
    "Participant",
    "PersonRecord",
    "Publication",
    "RecordError",
    "ShortlistEntry",
    "Topic",
    "match",
    "participant_from_dict",
    "person_record_from_dict",
    "read_participants",
    "read_person_records",
]
