"""The question editor's matching rules for capacity and department questions.

These two comparisons have rules of their own (``QuestionForm._clean_capacity`` and
``_clean_department``); the editor pages' tests cover the rest of ``_clean_matching``.
"""

from __future__ import annotations

from typing import Any

from mentormatch.questionnaire.forms import QuestionForm
from mentormatch.questionnaire.models import Question

CAPACITY = {
    "key": "load",
    "text": "How many mentees can you take on?",
    "label": "Mentee load",
    "help_text": "",
    "kind": "scale",
    "choices_text": "",
    "scale_min": "1",
    "scale_max": "4",
    "audience": "mentor",
    "required": "on",
    "matching_role": "hard",
    "weight": "0",
    "comparison": "capacity",
    "paired_key": "",
}
DEPARTMENT = {
    **CAPACITY,
    "key": "dept",
    "text": "Would you like a mentor from your own department?",
    "label": "Department",
    "kind": "single",
    "choices_text": "same_preferred|Preferably mine\nno_preference|No preference",
    "scale_min": "1",
    "scale_max": "5",
    "audience": "mentee",
    "comparison": "department",
}


def errors(round: Any, **data: Any) -> dict[str, list[str]]:
    form = QuestionForm(data=data, instance=Question(round=round), round=round)
    form.is_valid()
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


def test_a_capacity_question_on_a_scale_asked_of_mentors_is_accepted(round: Any) -> None:
    assert errors(round, **CAPACITY) == {}


def test_a_capacity_question_asked_of_mentees_is_refused(round: Any) -> None:
    found = errors(round, **{**CAPACITY, "audience": "mentee"})
    assert found == {"audience": ["Mentor capacity is asked of mentors."]}


def test_a_capacity_question_that_is_not_a_scale_is_refused(round: Any) -> None:
    found = errors(round, **{**CAPACITY, "kind": "single", "choices_text": "1|One\n2|Two"})
    assert found == {"kind": ["Mentor capacity is a scale (for example 1 to 4)."]}


def test_a_capacity_scale_that_starts_below_zero_is_refused(round: Any) -> None:
    found = errors(round, **{**CAPACITY, "scale_min": "-1"})
    assert found == {"scale_min": ["A capacity cannot be negative."]}


def test_a_department_preference_among_the_engines_values_is_accepted(round: Any) -> None:
    assert errors(round, **DEPARTMENT) == {}


def test_a_department_preference_with_an_unknown_value_is_refused(round: Any) -> None:
    found = errors(round, **{**DEPARTMENT, "choices_text": "same_preferred|Mine\nnearby|Nearby"})
    assert list(found) == ["choices_text"]
    assert found["choices_text"][0].startswith("A department preference is a single choice")


def test_a_department_preference_asked_only_of_mentors_is_refused(round: Any) -> None:
    found = errors(round, **{**DEPARTMENT, "audience": "mentor"})
    assert found == {
        "audience": ["Compared questions are asked of mentees (or of both sides)."],
    }
