"""Forms: the coordinator's question editor and the participant's questionnaire."""

from __future__ import annotations

from typing import Any

from django import forms

from mentormatch.questionnaire.models import (
    Audience,
    Comparison,
    MatchingRole,
    Question,
    QuestionKind,
)

DEPARTMENT_VALUES = {
    "same_required",
    "same_preferred",
    "other_required",
    "other_preferred",
    "no_preference",
}
TEXT_MAX_LENGTH = 4000
CONFIDENTIAL_NOTE = (
    "Confidential: seen only by you, the matching program and coordinators allowed to see it."
)


def choices_to_text(choices: list[dict[str, str]]) -> str:
    return "\n".join(f"{c.get('value', '')}|{c.get('label', '')}" for c in choices)


def parse_choices(text: str) -> list[dict[str, str]]:
    """One option a line, ``value|label`` (or just ``value``, used as its own label)."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value, _, label = line.partition("|")
        value, label = value.strip(), label.strip() or value.strip()
        if not value:
            raise forms.ValidationError(f"Line {lineno}: the value before '|' is empty.")
        if len(value) > 64:
            raise forms.ValidationError(f"Line {lineno}: the value is longer than 64 characters.")
        if value in seen:
            raise forms.ValidationError(f"Line {lineno}: the value {value!r} appears twice.")
        seen.add(value)
        out.append({"value": value, "label": label})
    return out


class QuestionForm(forms.ModelForm):
    """A question of one round; ``clean`` checks that its part in matching makes sense."""

    choices_text = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Choice questions: one option a line, written value|label "
        "(for example: grant_writing|Grant writing).",
    )

    class Meta:
        model = Question
        fields = [
            "key",
            "text",
            "label",
            "help_text",
            "kind",
            "scale_min",
            "scale_max",
            "audience",
            "required",
            "confidential",
            "matching_role",
            "weight",
            "comparison",
            "paired_key",
        ]
        labels = {
            "key": "Key",
            "text": "Question",
            "label": "Short name",
            "help_text": "Help text",
            "kind": "Kind of answer",
            "scale_min": "Scale from",
            "scale_max": "Scale to",
            "audience": "Asked of",
            "required": "An answer is required",
            "confidential": "Confidential",
            "matching_role": "Part in matching",
            "weight": "Weight",
            "comparison": "Compared as",
            "paired_key": "Compared with question (key)",
        }
        help_texts = {
            "key": "Letters, digits, hyphens and underscores; unique in this round.",
            "label": "Shown in match reasons, for example 'Mentoring areas'.",
            "weight": "Weighted preferences only: how much a met preference adds to a score.",
            "paired_key": "The key of the mentor question this mentee question is compared "
            "with (overlap, same answer, mentor attribute).",
        }

    def __init__(self, *args: Any, round: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round = round
        if self.instance.pk and not self.is_bound:
            self.initial["choices_text"] = choices_to_text(self.instance.choices or [])
        self.fields["comparison"].required = False

    def clean_key(self) -> str:
        key: str = self.cleaned_data["key"]
        clash = Question.objects.filter(round=self.round, key=key).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Another question of this round already has this key.")
        if self.instance.pk and key != self.instance.key:
            pairing = Question.objects.filter(round=self.round, paired_key=self.instance.key)
            pairing = pairing.exclude(pk=self.instance.pk)
            if pairing.exists():
                raise forms.ValidationError(
                    f"Question '{pairing[0].key}' is compared with this one; change that "
                    "question first."
                )
        return key

    def clean_choices_text(self) -> list[dict[str, str]]:
        return parse_choices(self.cleaned_data.get("choices_text") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        choices = data.get("choices_text") or []
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
            self.add_error("choices_text", "A choice question needs at least two options.")
        if kind == QuestionKind.SCALE:
            low, high = data.get("scale_min"), data.get("scale_max")
            if low is not None and high is not None and low >= high:
                self.add_error("scale_max", "The scale must end above where it starts.")
        self._clean_matching(data, choices)
        return data

    def _clean_matching(self, data: dict[str, Any], choices: list[dict[str, str]]) -> None:
        role = data.get("matching_role")
        comparison = data.get("comparison") or ""
        paired = data.get("paired_key") or ""
        audience = data.get("audience")
        kind = data.get("kind")
        weight = data.get("weight")
        if role == MatchingRole.INFO:
            if comparison:
                self.add_error("comparison", "Information-only questions are not compared.")
            return
        if not comparison:
            self.add_error("comparison", "Say how the engine compares this question.")
            return
        if role == MatchingRole.WEIGHTED and (weight is None or weight <= 0):
            self.add_error("weight", "A weighted preference needs a weight above 0.")
        if comparison == Comparison.CAPACITY:
            self._clean_capacity(data)
            return
        if audience == Audience.MENTOR:
            self.add_error(
                "audience", "Compared questions are asked of mentees (or of both sides)."
            )
        if comparison == Comparison.DEPARTMENT:
            self._clean_department(kind, choices)
            return
        self._clean_pair(comparison, paired, kind, data)

    def _clean_capacity(self, data: dict[str, Any]) -> None:
        """A mentor-capacity question: a scale asked of mentors that cannot go below 0."""
        if data.get("audience") != Audience.MENTOR:
            self.add_error("audience", "Mentor capacity is asked of mentors.")
        if data.get("kind") != QuestionKind.SCALE:
            self.add_error("kind", "Mentor capacity is a scale (for example 1 to 4).")
        elif (data.get("scale_min") or 0) < 0:
            self.add_error("scale_min", "A capacity cannot be negative.")

    def _clean_department(self, kind: Any, choices: list[dict[str, str]]) -> None:
        """A department preference: a single choice among the values the engine knows."""
        values = {c["value"] for c in choices}
        if kind != QuestionKind.SINGLE or not values <= DEPARTMENT_VALUES:
            self.add_error(
                "choices_text",
                "A department preference is a single choice whose values are among: "
                + ", ".join(sorted(DEPARTMENT_VALUES))
                + ".",
            )

    def _clean_pair(self, comparison: str, paired: str, kind: Any, data: dict[str, Any]) -> None:
        if not paired:
            if data.get("audience") == Audience.BOTH and comparison == Comparison.SAME:
                return  # compared with the mentor's answer to the same question
            self.add_error("paired_key", "Name the mentor question this one is compared with.")
            return
        other = Question.objects.filter(round=self.round, key=paired).first()
        if other is None and paired == data.get("key"):
            other = self.instance if self.instance.pk else None
            if other is None and data.get("audience") == Audience.BOTH:
                return
        if other is None:
            self.add_error("paired_key", f"This round has no question with the key '{paired}'.")
            return
        if other.audience == Audience.MENTEE:
            self.add_error("paired_key", f"Question '{paired}' is not asked of mentors.")
        if comparison == Comparison.OVERLAP and (
            kind != QuestionKind.MULTIPLE or other.kind != QuestionKind.MULTIPLE
        ):
            self.add_error("paired_key", "Overlap compares two multiple-choice questions.")
        if comparison in (Comparison.SAME, Comparison.ATTRIBUTE) and QuestionKind.TEXT in (
            kind,
            other.kind,
        ):
            self.add_error("paired_key", "Free-text answers cannot be compared.")

    def save(self, commit: bool = True) -> Question:
        self.instance.choices = self.cleaned_data.get("choices_text") or []
        self.instance.round = self.round
        return super().save(commit=commit)


# --- The participant's questionnaire --------------------------------------------------------


def field_name(question: Question) -> str:
    return f"q_{question.key}"


def _options(question: Question) -> list[tuple[str, str]]:
    return [(str(c["value"]), str(c.get("label") or c["value"])) for c in question.choices]


def _field_for(question: Question, *, enforce_required: bool) -> forms.Field:
    required = question.required and enforce_required
    help_text = question.help_text
    if question.confidential:
        help_text = f"{help_text} {CONFIDENTIAL_NOTE}".strip()
    missing = (
        "Choose at least one option."
        if question.kind == QuestionKind.MULTIPLE
        else "Please answer this question."
    )
    common: dict[str, Any] = {
        "label": question.text,
        "help_text": help_text,
        "required": required,
        "error_messages": {
            "required": missing,
            "invalid_choice": "Choose one of the options shown.",
        },
    }
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(choices=_options(question), widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=_options(question), widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == QuestionKind.SCALE:
        values = [(str(v), str(v)) for v in range(question.scale_min, question.scale_max + 1)]
        return forms.TypedChoiceField(
            choices=values, coerce=int, empty_value=None, widget=forms.RadioSelect, **common
        )
    return forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=True,
        **common,
    )


class AnswerForm(forms.Form):
    """One field per question; ``submit=True`` enforces required answers."""

    def __init__(
        self, *args: Any, questions: list[Question], submit: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = _field_for(question, enforce_required=submit)

    def answers(self) -> dict[str, Any]:
        """{question key: clean value} (``None`` or ``[]`` for blank answers)."""
        out: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            out[question.key] = None if value in ("", None) else value
        return out

    def draft_answers(self) -> dict[str, Any]:
        """What was typed, kept as far as it fits the question; no error stops a draft."""
        out: dict[str, Any] = {}
        for question in self.questions:
            name = field_name(question)
            if question.kind == QuestionKind.MULTIPLE:
                allowed = {v for v, _ in _options(question)}
                typed = self.data.getlist(name)  # type: ignore[attr-defined]
                out[question.key] = [v for v in typed if v in allowed]
                continue
            raw = (self.data.get(name) or "").strip()
            if question.kind == QuestionKind.SINGLE:
                out[question.key] = raw if raw in {v for v, _ in _options(question)} else None
            elif question.kind == QuestionKind.SCALE:
                ok = raw.lstrip("-").isdigit() and (
                    question.scale_min <= int(raw) <= question.scale_max
                )
                out[question.key] = int(raw) if ok else None
            else:
                out[question.key] = raw[:TEXT_MAX_LENGTH] or None
        return out


def initial_from_answers(questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for question in questions:
        value = answers.get(question.key)
        if value is None:
            continue
        if question.kind == QuestionKind.SCALE:
            value = str(value)
        initial[field_name(question)] = value
    return initial
