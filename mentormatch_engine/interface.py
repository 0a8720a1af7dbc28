"""The one interface between the site (or any caller) and the matching engine.

Everything here is plain data: the site converts its database rows into these objects,
calls :func:`mentormatch_engine.match`, and stores the :class:`MatchResult`.  Nothing in
this package imports Django.

Score of a mentee-mentor pair (documented sum of its parts)::

    score = affinity_weight * affinity(mentee, mentor)
          + sum(criterion.weight * criterion_score(mentee, mentor)
                for criterion in config.criteria if criterion.role == "weighted")

where ``affinity`` and every ``criterion_score`` lie in [0, 1].  A pair is *allowed* only when
every ``role == "hard"`` criterion holds, neither side excludes the other, and the rank gap
rule holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

AnswerValue = str | int | float | list[str] | None

CriterionKind = Literal[
    # mentee multi-choice answer (list[str]) vs mentor multi-choice answer (list[str]):
    # score = |wanted ∩ offered| / |wanted| (1.0 when the mentee wanted nothing).
    # As a hard rule: at least one wanted value is offered.
    "overlap",
    # single-choice answers compared for equality (e.g. career track, meeting mode).
    # A missing answer or the value "no_preference" on the mentee side scores 1.0.
    "same",
    # the mentee's answer to a department question, one of
    # "same_required", "same_preferred", "other_required", "other_preferred", "no_preference",
    # compared with both people's PersonRecord.department. "*_required" values are hard
    # whatever the criterion's role; "*_preferred" score 1.0 when met, else 0.0.
    "department",
    # confidential preference: the mentee's answer (e.g. "woman") must equal the mentor's
    # answer to `mentor_question` (self-description); "no_preference"/missing scores 1.0.
    "attribute",
]


@dataclass(frozen=True)
class Publication:
    title: str = ""
    abstract: str = ""
    year: int | None = None


@dataclass(frozen=True)
class PersonRecord:
    """One person in the JSON Lines person-record format (only ``id`` is required)."""

    id: str
    name: str = ""
    email: str = ""
    department: str = ""
    rank: str = ""
    track: str = ""
    interests: str = ""
    keywords: tuple[str, ...] = ()
    publications: tuple[Publication, ...] = ()


@dataclass(frozen=True)
class Participant:
    """A person taking part in a round, with their questionnaire answers.

    ``answers`` maps a question key to the answer.  ``capacity`` is how many mentees a mentor
    takes (ignored for mentees).  ``excluded`` holds ids of people this participant must never
    be matched with (supervisor, chair, declared conflicts).
    """

    record: PersonRecord
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    capacity: int = 1
    excluded: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Criterion:
    """One questionnaire item's part in matching."""

    key: str  # a short name shown in reasons, e.g. "mentoring_areas"
    kind: CriterionKind
    mentee_question: str
    mentor_question: str = ""
    role: Literal["hard", "weighted"] = "weighted"
    weight: float = 1.0
    label: str = ""  # human wording for reasons, e.g. "Mentoring areas"


# Ranks from junior to senior; the rank gap is the difference of positions in this tuple.
DEFAULT_RANK_ORDER: tuple[str, ...] = (
    "Instructor",
    "Assistant Professor",
    "Associate Professor",
    "Professor",
)


@dataclass(frozen=True)
class MatchConfig:
    affinity_weight: float = 1.0
    criteria: tuple[Criterion, ...] = ()
    # a mentor must be at least this many ranks above the mentee (unknown ranks pass)
    min_rank_gap: int = 0
    rank_order: tuple[str, ...] = DEFAULT_RANK_ORDER
    shortlist_size: int = 3
    # "optimal": most mentees matched, then most total score;
    # "fair": most matched, then raise the worst-off mentee's score first (lexicographic max-min);
    # "stable": mentee-proposing deferred acceptance over score rankings (reports blocking pairs)
    mode: Literal["optimal", "fair", "stable"] = "optimal"
    seed: int = 0
    # --- added by the engine (all optional) ---
    # "auto" (blend when the embedding extra is installed, else lexical), "lexical",
    # "embedding", "blend" or "bm25"
    affinity_method: str = "auto"
    embedding_weight: float = 0.5  # share of the embedding score in "blend"
    # candidate mentors kept per mentee before assignment; 0 = automatic (every allowed pair
    # when mentees x mentors <= 4,000,000, else 64)
    candidates_per_mentee: int = 0
    shared_topics: int = 5  # topics listed per shortlist entry
    # with truncated candidate lists, compute the upper bound with a second pass over every
    # pair (tighter, slower) instead of from each list's last score
    full_bound: bool = False


@dataclass(frozen=True)
class Topic:
    term: str
    weight: float


@dataclass(frozen=True)
class ShortlistEntry:
    mentor_id: str
    score: float
    rank: int  # 1-based position in the shortlist
    assigned: bool  # True for the mentor the assignment chose
    parts: Mapping[str, float]  # "affinity" and each weighted criterion key -> weighted part
    shared_topics: tuple[Topic, ...]  # words/phrases behind the affinity, strongest first
    preferences_met: tuple[str, ...]  # labels of criteria met


@dataclass(frozen=True)
class Certificate:
    matched: int
    objective: float
    upper_bound: float
    gap: float  # (upper_bound - objective) / max(|upper_bound|, 1e-12)


@dataclass(frozen=True)
class MatchResult:
    assignment: Mapping[str, str | None]  # mentee id -> mentor id (None when unmatched)
    shortlists: Mapping[str, tuple[ShortlistEntry, ...]]  # mentee id -> entries
    certificate: Certificate
    blocking_pairs: tuple[tuple[str, str], ...] = ()  # only in "stable" mode
    summary: Mapping[str, object] = field(default_factory=dict)
    # the score of a perfect pair: full affinity and every weighted criterion met,
    # affinity_weight + sum(weight for criteria with role == "weighted"); also
    # summary["max_score"]
    max_score: float = 0.0
