"""From database rows to the matching engine's plain data (``mentormatch_engine.interface``).

Who takes part in a run: people with an active participation whose questionnaire for that
role is *submitted*; mentors whose capacity is 0 are left out.  A person id in the engine is
the user's primary key as a string.  Pairs the engine must never make: a person with
themself (someone both mentee and mentor), and the pairs registered in
:mod:`mentormatch.matching.hooks` (a mentee with a mentor who declined their request).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from mentormatch.directory.models import Publication as PublicationRow
from mentormatch.matching.hooks import excluded_pairs
from mentormatch.questionnaire.selectors import (
    engine_criteria,
    mentor_capacities,
    submitted_answers,
)
from mentormatch.rounds.models import Round
from mentormatch_engine import MatchConfig, Participant, PersonRecord, Publication
from mentormatch_engine.interface import AnswerValue

# Round.matching_settings keys passed on to MatchConfig (others are ignored).
ENGINE_SETTINGS = {f.name for f in dataclasses.fields(MatchConfig)} - {
    "criteria",
    "shortlist_size",
    "min_rank_gap",
}


@dataclass(frozen=True)
class EngineInputs:
    mentees: tuple[Participant, ...]
    mentors: tuple[Participant, ...]
    config: MatchConfig
    # People left out, by reason (shown on the results page).
    skipped: dict[str, list[int]] = field(default_factory=dict)


def person_records(user_ids: set[int]) -> dict[int, PersonRecord]:
    users = (
        get_user_model()
        .objects.filter(pk__in=user_ids)
        .select_related("profile")
        .prefetch_related(
            Prefetch("profile__publications", queryset=PublicationRow.objects.order_by("-year"))
        )
    )
    records: dict[int, PersonRecord] = {}
    for user in users:
        profile = getattr(user, "profile", None)
        if profile is None:
            records[user.pk] = PersonRecord(
                id=str(user.pk), name=user.display_name, email=user.email
            )
            continue
        records[user.pk] = PersonRecord(
            id=str(user.pk),
            name=user.display_name,
            email=user.email,
            department=profile.department,
            rank=profile.rank,
            track=profile.track,
            interests=profile.interests,
            keywords=tuple(str(k) for k in (profile.keywords or []) if str(k).strip()),
            publications=tuple(
                Publication(title=p.title, abstract=p.abstract, year=p.year)
                for p in profile.publications.all()
            ),
        )
    return records


def _answer(value: Any) -> AnswerValue:
    if value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
        return value
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


def engine_config(round: Round) -> MatchConfig:
    extra = {k: v for k, v in (round.matching_settings or {}).items() if k in ENGINE_SETTINGS}
    if "rank_order" in extra:
        extra["rank_order"] = tuple(extra["rank_order"])
    return MatchConfig(
        criteria=tuple(engine_criteria(round=round)),
        min_rank_gap=round.min_rank_gap,
        shortlist_size=round.shortlist_size,
        **extra,
    )


def engine_inputs(round: Round) -> EngineInputs:
    """Everything ``mentormatch_engine.match`` needs for one run of ``round``."""
    mentee_answers = submitted_answers(round=round, role="mentee")
    mentor_answers = submitted_answers(round=round, role="mentor")
    capacities = mentor_capacities(round=round)
    no_room = sorted(uid for uid in mentor_answers if capacities.get(uid, 0) <= 0)
    mentor_ids = sorted(uid for uid in mentor_answers if capacities.get(uid, 0) > 0)
    mentee_ids = sorted(mentee_answers)
    records = person_records(set(mentee_ids) | set(mentor_ids))

    declined = excluded_pairs(round)
    excluded_for: dict[int, set[str]] = {uid: {str(uid)} for uid in mentee_ids}
    for mentee_id, mentor_id in declined:
        if mentee_id in excluded_for:
            excluded_for[mentee_id].add(str(mentor_id))

    mentees = tuple(
        Participant(
            record=records[uid],
            answers={k: _answer(v) for k, v in mentee_answers[uid].items()},
            excluded=frozenset(excluded_for[uid]),
        )
        for uid in mentee_ids
    )
    mentors = tuple(
        Participant(
            record=records[uid],
            answers={k: _answer(v) for k, v in mentor_answers[uid].items()},
            capacity=int(capacities[uid]),
            excluded=frozenset({str(uid)}),
        )
        for uid in mentor_ids
    )
    return EngineInputs(
        mentees=mentees,
        mentors=mentors,
        config=engine_config(round),
        skipped={"mentors_without_room": no_room},
    )
