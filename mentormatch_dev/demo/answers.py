"""Believable questionnaire answers for demo participants, from each question's own choices.

Pure functions of a ``random.Random``: the seeding passes one seeded generator, so the same
seed gives the same answers.
"""

from __future__ import annotations

import random
from typing import Any

from mentormatch.questionnaire.models import Comparison, Question, QuestionKind

NO_PREFERENCE = "no_preference"


def choice_values(question: Question) -> list[str]:
    return [str(c["value"]) for c in question.choices or [] if isinstance(c, dict) and "value" in c]


def answer_for(
    question: Question,
    rng: random.Random,
    *,
    role: str,
    person: dict[str, Any],
    generous: bool = False,
) -> Any:
    """An answer to ``question`` by ``person`` (a generated record) taking part as ``role``.

    Mentees usually state no preference on questions that allow it, as real mentees do, so
    that hard and confidential rules do not leave most of them without a match.  ``generous``
    (the demo mentor) offers every option of a multiple-choice question, and the demo mentee
    picks the mildest option, so that the two demo accounts can be matched.
    """
    values = choice_values(question)
    if question.kind == QuestionKind.SINGLE:
        return _single(question, values, rng, role=role, person=person, generous=generous)
    if question.kind == QuestionKind.MULTIPLE:
        if not values:
            return []
        if generous:
            return values if role == "mentor" else values[:1]
        size = (
            rng.randint(1, min(3, len(values)))
            if role == "mentee"
            else rng.randint(min(2, len(values)), len(values))
        )
        picked = set(rng.sample(values, size))
        return [v for v in values if v in picked]
    if question.kind == QuestionKind.SCALE:
        if question.comparison == Comparison.CAPACITY:
            return max(question.scale_min, min(question.scale_max, int(person["capacity"] or 1)))
        return rng.randint(question.scale_min, question.scale_max)
    # Free text: something the person would plausibly write.
    keywords = person.get("keywords") or []
    topic = keywords[0] if keywords else person.get("department", "my field")
    if role == "mentee":
        return f"I would like guidance on building an independent programme in {topic}."
    return f"I have mentored junior colleagues working on {topic} for several years."


# How mentees answer a department question (engine values; "required" ones are hard rules).
DEPARTMENT_ANSWERS = (
    ("same_preferred", 0.45),
    (NO_PREFERENCE, 0.35),
    ("other_preferred", 0.12),
    ("same_required", 0.05),
    ("other_required", 0.03),
)


def _single(
    question: Question,
    values: list[str],
    rng: random.Random,
    *,
    role: str,
    person: dict[str, Any],
    generous: bool,
) -> str | None:
    if not values:
        return None
    own = [v for v in (person.get("track"), person.get("rank")) if v in values]
    if question.comparison == Comparison.CAPACITY:
        wanted = str(person.get("capacity") or 1)
        return wanted if wanted in values else values[0]
    if question.comparison == Comparison.DEPARTMENT:
        answer = _department_answer(values, rng, generous=generous)
        if answer is not None:
            return answer
    if role == "mentor" and own:
        return own[0]  # a self-description: the mentor's own track or rank
    if role == "mentee" and NO_PREFERENCE in values:
        if own and not generous and rng.random() < 0.4:
            return own[0]  # "the same track as mine"
        if generous or rng.random() < 0.75:
            return NO_PREFERENCE
    if generous:
        return values[0]
    return rng.choice(values)


def _department_answer(values: list[str], rng: random.Random, *, generous: bool) -> str | None:
    """A mentee's department preference, drawn with ``DEPARTMENT_ANSWERS``' weights.

    None when the question offers none of the engine's department values: the caller then
    answers it like any other single choice.
    """
    if generous:
        return "same_preferred" if "same_preferred" in values else values[0]
    options = [(v, w) for v, w in DEPARTMENT_ANSWERS if v in values]
    if not options:
        return None
    return rng.choices([v for v, _ in options], weights=[w for _, w in options])[0]
