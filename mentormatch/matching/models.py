"""Matching runs of a round and the shortlists (suggestions) each run produced.

The tables keep their original names (``rounds_matchrun``, ``rounds_suggestion``): the models
moved here from the rounds app without touching the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mentormatch.rounds.models import Round


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class MatchRun(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.FloatField(default=0.0)  # 0..1
    step = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Last sign of life from the worker (progress writes); a run silent for long is abandoned.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    scorer = models.CharField(max_length=100, blank=True)
    certificate = models.JSONField(default=dict, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    is_published = models.BooleanField(default=False)

    class Meta:
        db_table = "rounds_matchrun"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Run {self.pk} of {self.round} ({self.status})"


class Suggestion(models.Model):
    """One line of a mentee's shortlist."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="suggestions")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()  # 1 = best
    score = models.FloatField()
    assigned = models.BooleanField(default=False)
    parts = models.JSONField(default=dict, blank=True)
    shared_topics = models.JSONField(default=list, blank=True)  # [[term, weight], ...]
    preferences_met = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "rounds_suggestion"
        ordering = ["run", "mentee", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee", "mentor"], name="one_suggestion_per_pair_per_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} for {self.mentee} (#{self.position})"

    @property
    def percent(self) -> int:
        """The score as a share of a perfect pair's score (0-100), for people to read.

        Engine scores are a weighted sum (affinity plus each weighted preference), so their
        scale depends on the round's weights; the run records the best possible score.
        """
        best = float((self.run.summary or {}).get("max_score") or 0.0)
        if best <= 0:
            return round(100 * min(max(self.score, 0.0), 1.0))
        return round(100 * min(max(self.score / best, 0.0), 1.0))
