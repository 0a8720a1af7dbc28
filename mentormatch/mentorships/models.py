"""Requests from a mentee to a mentor, and the mentorships that follow."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the mentor"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MentorshipRequest(models.Model):
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="requests")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests_sent"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests_received"
    )
    suggestion = models.ForeignKey(
        "matching.Suggestion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    message = models.TextField(blank=True)
    # Private: seen by the mentor, the engine and permitted coordinators only.
    decline_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "mentee"],
                condition=models.Q(status="pending"),
                name="one_open_request_per_mentee_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor} ({self.status})"


class MentorshipSource(models.TextChoices):
    REQUEST = "request", "Mentee's request"
    MANUAL = "manual", "Matched by a coordinator"


class MentorshipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Mentorship(models.Model):
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="mentorships")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    request = models.OneToOneField(
        MentorshipRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentorship",
    )
    source = models.CharField(max_length=16, choices=MentorshipSource.choices)
    reason = models.TextField(blank=True, help_text="Why a coordinator matched them by hand.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        max_length=16, choices=MentorshipStatus.choices, default=MentorshipStatus.ACTIVE
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "mentee"],
                condition=models.Q(status="active"),
                name="one_active_mentorship_per_mentee_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.mentee}"


class RoundPause(models.Model):
    """A mentee's "not this round": every suggestion declined, shown on the unmatched list.

    Choosing a mentor later lifts the pause (the row is deleted by ``request_create``).
    """

    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "mentee"], name="one_pause_per_mentee_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee} paused in {self.round}"
