"""Reading questionnaires: the questions a person answers, and what the matching engine needs.

``engine_criteria``, ``submitted_answers`` and ``mentor_capacities`` are the matching adapter's
inputs (called by the rounds app).  They return confidential answers too: the engine may read
them; pages must not show them to anyone else (see ``can_view_confidential``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mentormatch.questionnaire.models import (
    Answer,
    Audience,
    Comparison,
    MatchingRole,
    Question,
    Response,
    ResponseStatus,
)
from mentormatch.rounds.models import Participation, Round, RoundStatus
from mentormatch_engine import Criterion

ENGINE_KINDS = {
    Comparison.OVERLAP,
    Comparison.SAME,
    Comparison.DEPARTMENT,
    Comparison.ATTRIBUTE,
}


def questions_for(*, round: Round, role: str) -> QuerySet[Question]:
    """The round's questions a mentee (``role="mentee"``) or mentor answers, in order."""
    return Question.objects.filter(round=round, audience__in=[role, Audience.BOTH]).order_by(
        "position", "id"
    )


def participation_for(*, round: Round, user: Any, role: str) -> Participation | None:
    """The user's active participation in the round in this role, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Participation.objects.filter(
        round=round, user=user, role=role, withdrawn_at__isnull=True
    ).first()


def can_answer(*, round: Round, user: Any, role: str) -> bool:
    """Only people taking part in an open round, in that role, may answer or change answers."""
    return (
        round.status == RoundStatus.OPEN
        and participation_for(round=round, user=user, role=role) is not None
    )


def response_for(*, round: Round, user: Any, role: str) -> Response | None:
    return Response.objects.filter(round=round, user=user, role=role).first()


def answers_of(*, response: Response | None) -> dict[str, Any]:
    """{question key: stored value} of one response (drafts included)."""
    if response is None:
        return {}
    return {
        a.question.key: a.value
        for a in Answer.objects.filter(response=response).select_related("question")
    }


def engine_criteria(*, round: Round) -> tuple[Criterion, ...]:
    """One engine criterion per mentee-side hard or weighted question the engine compares."""
    criteria: list[Criterion] = []
    questions = Question.objects.filter(
        round=round,
        matching_role__in=[MatchingRole.HARD, MatchingRole.WEIGHTED],
        comparison__in=[c.value for c in ENGINE_KINDS],
        audience__in=[Audience.MENTEE, Audience.BOTH],
    ).order_by("position", "id")
    for q in questions:
        mentor_question = "" if q.comparison == Comparison.DEPARTMENT else (q.paired_key or q.key)
        criteria.append(
            Criterion(
                key=q.key,
                kind=q.comparison,  # type: ignore[arg-type]
                mentee_question=q.key,
                mentor_question=mentor_question,
                role="hard" if q.matching_role == MatchingRole.HARD else "weighted",
                weight=float(q.weight) if q.matching_role == MatchingRole.WEIGHTED else 1.0,
                label=q.label or q.text,
            )
        )
    return tuple(criteria)


def _active_participants(*, round: Round, role: str) -> QuerySet[Participation]:
    return Participation.objects.filter(round=round, role=role, withdrawn_at__isnull=True)


def submitted_answers(*, round: Round, role: str) -> dict[int, dict[str, object]]:
    """user id → {question key: answer} for submitted responses of active participants.

    Drafts are left out: only a submitted questionnaire takes part in matching.  Every
    question the role answers appears in each dict (``None`` when left blank).
    """
    users = _active_participants(round=round, role=role).values("user_id")
    responses = Response.objects.filter(
        round=round, role=role, status=ResponseStatus.SUBMITTED, user_id__in=users
    )
    keys = list(questions_for(round=round, role=role).values_list("key", flat=True))
    out: dict[int, dict[str, object]] = {
        user_id: dict.fromkeys(keys) for user_id in responses.values_list("user_id", flat=True)
    }
    answers = Answer.objects.filter(response__in=responses).values_list(
        "response__user_id", "question__key", "value"
    )
    for user_id, key, value in answers:
        if key in out[user_id]:
            out[user_id][key] = value
    return out


def capacity_question(*, round: Round) -> Question | None:
    return (
        Question.objects.filter(round=round, comparison=Comparison.CAPACITY)
        .filter(Q(audience=Audience.MENTOR) | Q(audience=Audience.BOTH))
        .order_by("position", "id")
        .first()
    )


def mentor_capacities(*, round: Round) -> dict[int, int]:
    """user id → how many mentees each active mentor takes.

    The submitted answer to the capacity question wins; otherwise Participation.capacity.
    """
    capacities = dict(
        _active_participants(round=round, role="mentor").values_list("user_id", "capacity")
    )
    question = capacity_question(round=round)
    if question is not None:
        answers = Answer.objects.filter(
            question=question,
            response__status=ResponseStatus.SUBMITTED,
            response__role="mentor",
            response__user_id__in=list(capacities),
        ).values_list("response__user_id", "value")
        for user_id, value in answers:
            parsed = parse_capacity(value)
            if parsed is not None:
                capacities[user_id] = parsed
    return capacities


def parse_capacity(value: object) -> int | None:
    """A capacity answer as a non-negative int, or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
