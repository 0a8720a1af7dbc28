"""Questionnaires: what a mentee wants from a match and what a mentor can offer.

Coordinators define each round's questions; each question says its part in matching (a hard
rule, a weighted preference, or information only) and how it is compared with the other side.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    SCALE = "scale", "Scale"
    TEXT = "text", "Free text"


class Audience(models.TextChoices):
    MENTEE = "mentee", "Mentees"
    MENTOR = "mentor", "Mentors"
    BOTH = "both", "Mentees and mentors"


class MatchingRole(models.TextChoices):
    HARD = "hard", "Hard rule"
    WEIGHTED = "weighted", "Weighted preference"
    INFO = "info", "Information only"


class Comparison(models.TextChoices):
    """How the engine compares a mentee's answer with a mentor's (see the engine interface)."""

    NONE = "", "Not compared"
    OVERLAP = "overlap", "Overlap of chosen options"
    SAME = "same", "Same answer"
    DEPARTMENT = "department", "Department preference"
    ATTRIBUTE = "attribute", "Mentor attribute preference"
    CAPACITY = "capacity", "Mentor capacity"


class Question(models.Model):
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=64)
    text = models.CharField(max_length=500)
    # A short name shown in match reasons ("Mentoring areas"); the text is used when empty.
    label = models.CharField(max_length=100, blank=True)
    help_text = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    # [{"value": "research", "label": "Research"}, ...] for choice questions
    choices = models.JSONField(default=list, blank=True)
    scale_min = models.SmallIntegerField(default=1)
    scale_max = models.SmallIntegerField(default=5)
    audience = models.CharField(max_length=8, choices=Audience.choices)
    required = models.BooleanField(default=True)
    confidential = models.BooleanField(
        default=False, help_text="Seen only by its owner, the engine and permitted coordinators."
    )
    matching_role = models.CharField(
        max_length=16, choices=MatchingRole.choices, default=MatchingRole.INFO
    )
    weight = models.FloatField(default=0.0)
    comparison = models.CharField(max_length=16, choices=Comparison.choices, blank=True)
    # The key of the question on the other side this one is compared with.
    paired_key = models.SlugField(max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="question_key_unique_in_round")
        ]

    def __str__(self) -> str:
        return self.text


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class Response(models.Model):
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="responses"
    )
    role = models.CharField(max_length=8, choices=Audience.choices[:2])
    status = models.CharField(
        max_length=16, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user", "role"], name="one_response_per_role_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}'s {self.role} answers for {self.round}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)  # str | int | list[str] | None

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        # Never the value: answers may be confidential, and __str__ ends up in pages and logs.
        return f"Answer to {self.question.key}"
