"""Match rounds: who takes part, and the matching runs with their shortlists."""

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


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


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
