"""A durable outbox: every e-mail is a row first, and is sent (and retried) by a task."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Gave up"


class OutboxMessage(models.Model):
    # Makes enqueueing idempotent: the same notification is never queued twice.
    dedupe_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=64)  # e.g. "round_results"
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbox_messages",
    )
    to_email = models.EmailField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_email} ({self.status})"


class DeliveryWakeup(models.Model):
    """The one follow-up delivery that is already scheduled (a single row, pk=1).

    When a delivery pass leaves messages waiting (the SMTP server was down), it schedules
    another pass for when the next one is due -- but only if no earlier pass is already
    scheduled, so retries never pile up into many chains of tasks.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    due_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Next delivery pass at {self.due_at}"
