"""Match rounds and who takes part in them (participations, invitations)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Round(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    opens_on = models.DateField()
    closes_on = models.DateField()
    # Empty means every department may take part.
    departments = models.JSONField(default=list, blank=True)
    min_rank_gap = models.PositiveSmallIntegerField(default=1)
    shortlist_size = models.PositiveSmallIntegerField(default=3)
    # Engine settings beyond the questions' own weights (affinity weight, mode, seed).
    matching_settings = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ParticipantRole(models.TextChoices):
    MENTEE = "mentee", "Mentee"
    MENTOR = "mentor", "Mentor"


class Participation(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(max_length=8, choices=ParticipantRole.choices)
    capacity = models.PositiveSmallIntegerField(
        default=1, help_text="Mentors: how many mentees they take in this round."
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user", "role"], name="one_participation_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.role} in {self.round}"
