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
from mentormatch_engine.pipeline import match
from mentormatch_engine.records import (
    RecordError,
    participant_from_dict,
    person_record_from_dict,
    read_participants,
    read_person_records,
)

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
