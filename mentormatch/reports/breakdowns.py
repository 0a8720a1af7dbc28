"""Matched mentees by group: department, rank, and two confidential answers.

Confidential questionnaire answers (gender, under-represented status) appear here only as
counts of groups, through the small-group rule (``suppression``).  Which questions hold them:
the mentee-side questions whose key is one of ``GENDER_KEYS`` / ``UNDERREPRESENTED_KEYS``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mentormatch.mentorships.standing import Standing
from mentormatch.questionnaire.models import Answer, Audience
from mentormatch.reports.suppression import GroupRow, suppress_small_groups
from mentormatch.rounds.models import ParticipantRole, Round

GENDER_KEYS = ("gender", "self_gender", "gender_identity", "my_gender")
UNDERREPRESENTED_KEYS = (
    "background",
    "underrepresented",
    "under_represented",
    "urm",
    "self_urm",
    "underrepresented_group",
)
NOT_STATED = "Not stated"


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[GroupRow]
    confidential: bool = False
    asked: bool = True  # False: the round asks mentees no such question

    @property
    def any_withheld(self) -> bool:
        return any(row.withheld for row in self.rows)


def _answer_label(value: Any, choices: dict[str, str]) -> str:
    if value in (None, "", []):
        return NOT_STATED
    if isinstance(value, list):
        return ", ".join(choices.get(str(v), str(v)) for v in value) or NOT_STATED
    return choices.get(str(value), str(value))


def _confidential_groups(
    round_: Round, keys: tuple[str, ...], mentees: list[Standing]
) -> dict[int, str] | None:
    question = (
        round_.questions.filter(key__in=keys, audience__in=[Audience.MENTEE, Audience.BOTH])
        .order_by("position", "id")
        .first()
    )
    if question is None:
        return None
    choices = {str(c.get("value")): str(c.get("label", c.get("value"))) for c in question.choices}
    answers = dict(
        Answer.objects.filter(
            question=question,
            response__role=Audience.MENTEE,
            response__user_id__in=[r.user_id for r in mentees],
        ).values_list("response__user_id", "value")
    )
    return {r.user_id: _answer_label(answers.get(r.user_id), choices) for r in mentees}


def _group(mentees: list[Standing], label_of: dict[int, str]) -> dict[str, tuple[int, int]]:
    sizes: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    for r in mentees:
        label = label_of.get(r.user_id) or NOT_STATED
        sizes[label] += 1
        matched[label] += int(r.matched)
    return {label: (sizes[label], matched[label]) for label in sizes}


def breakdowns(round_: Round, rows: Iterable[Standing]) -> list[Breakdown]:
    mentees = [r for r in rows if r.role == ParticipantRole.MENTEE]
    result = [
        Breakdown(
            "department",
            "Department",
            suppress_small_groups(_group(mentees, {r.user_id: r.department for r in mentees})),
        ),
        Breakdown(
            "rank",
            "Rank",
            suppress_small_groups(_group(mentees, {r.user_id: r.rank for r in mentees})),
        ),
    ]
    for key, title, keys in (
        ("gender", "Gender", GENDER_KEYS),
        ("underrepresented", "Under-represented group", UNDERREPRESENTED_KEYS),
    ):
        labels = _confidential_groups(round_, keys, mentees)
        if labels is None:
            result.append(Breakdown(key, title, [], confidential=True, asked=False))
        else:
            rows_ = suppress_small_groups(_group(mentees, labels))
            result.append(Breakdown(key, title, rows_, confidential=True))
    return result
