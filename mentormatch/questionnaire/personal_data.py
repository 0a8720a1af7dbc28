"""Questionnaire answers' part in "Download my data" and "Erase my data" (see apps.py)."""

from __future__ import annotations

from typing import Any

from mentormatch.core.personal_data import model_row, model_rows
from mentormatch.questionnaire.models import Answer, Response


def answers_export(user: Any) -> dict[str, Any]:
    answers = Answer.objects.filter(response__user=user).select_related("question")
    return {
        "questionnaire_responses": model_rows(Response.objects.filter(user=user)),
        "questionnaire_answers": [
            {**model_row(a), "question_key": a.question.key, "question_text": a.question.text}
            for a in answers
        ],
    }


def answers_erase(user: Any) -> None:
    Answer.objects.filter(response__user=user).delete()
