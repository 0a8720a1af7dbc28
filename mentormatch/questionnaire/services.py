"""Writing questionnaires: coordinators edit a round's questions; participants answer them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.questionnaire.models import (
    Answer,
    Comparison,
    Question,
    Response,
    ResponseStatus,
)
from mentormatch.questionnaire.selectors import parse_capacity
from mentormatch.rounds.models import Participation, Round


class QuestionInUse(ValueError):
    """The question cannot be deleted: another question is compared with it."""


def question_save(*, question: Question, actor: Any, created: bool) -> Question:
    """Save a question the coordinator filled in (the form has validated it)."""
    with transaction.atomic():
        if created:
            last = Question.objects.filter(round=question.round).order_by("-position").first()
            question.position = (last.position + 10) if last else 10
        question.save()
        audit_record(
            actor=actor,
            action="question.create" if created else "question.update",
            obj=question,
            round_id=question.round_id,
            summary=f"{'Added' if created else 'Changed'} question '{question.key}'",
        )
    return question


def question_delete(*, question: Question, actor: Any) -> None:
    pairing = (
        Question.objects.filter(round=question.round_id, paired_key=question.key)
        .exclude(pk=question.pk)
        .first()
    )
    if pairing is not None:
        raise QuestionInUse(
            f"Question '{pairing.key}' is compared with '{question.key}'. "
            "Change or delete that question first."
        )
    with transaction.atomic():
        answers = Answer.objects.filter(question=question).count()
        audit_record(
            actor=actor,
            action="question.delete",
            obj=question,
            round_id=question.round_id,
            summary=f"Deleted question '{question.key}' and its {answers} answers",
        )
        question.delete()


def question_move(*, question: Question, direction: str, actor: Any) -> None:
    """Swap the question with its neighbour above (``"up"``) or below (``"down"``)."""
    with transaction.atomic():
        ordered = list(
            Question.objects.select_for_update()
            .filter(round=question.round_id)
            .order_by("position", "id")
        )
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, q in enumerate(ordered, start=1):
            if q.position != position * 10:
                Question.objects.filter(pk=q.pk).update(position=position * 10)
        audit_record(
            actor=actor,
            action="question.move",
            obj=question,
            round_id=question.round_id,
            summary=f"Moved question '{question.key}' {direction}",
        )


def _store_answers(*, response: Response, answers: dict[str, Any]) -> None:
    questions = {q.key: q for q in Question.objects.filter(round=response.round_id)}
    for key, value in answers.items():
        question = questions.get(key)
        if question is None:
            continue
        Answer.objects.update_or_create(
            response=response, question=question, defaults={"value": value}
        )


def response_save_draft(*, round: Round, user: Any, role: str, answers: dict[str, Any]) -> Response:
    """Keep whatever was typed, unvalidated.

    A submitted questionnaire saved as a draft goes back to draft (and out of matching until
    it is submitted again); the form shows only "Submit changes" once submitted.
    """
    with transaction.atomic():
        response, _ = Response.objects.select_for_update().get_or_create(
            round=round, user=user, role=role
        )
        _store_answers(response=response, answers=answers)
        response.status = ResponseStatus.DRAFT
        response.submitted_at = None
        response.save()
    return response


def response_submit(*, round: Round, user: Any, role: str, answers: dict[str, Any]) -> Response:
    """Store validated answers and mark the questionnaire submitted.

    A mentor's answer to the capacity question becomes their Participation.capacity.
    """
    with transaction.atomic():
        response, _ = Response.objects.select_for_update().get_or_create(
            round=round, user=user, role=role
        )
        _store_answers(response=response, answers=answers)
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = timezone.now()
        response.save()
        if role == "mentor":
            capacity_q = Question.objects.filter(
                round=round, comparison=Comparison.CAPACITY
            ).first()
            capacity = parse_capacity(answers.get(capacity_q.key)) if capacity_q else None
            if capacity is not None:
                Participation.objects.filter(round=round, user=user, role=role).update(
                    capacity=capacity
                )
    return response
