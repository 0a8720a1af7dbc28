"""Reading the outbox (for the coordinators' e-mail page)."""

from __future__ import annotations

from django.db.models import QuerySet

from mentormatch.notifications.models import OutboxMessage, OutboxStatus


def outbox_unsent() -> QuerySet[OutboxMessage]:
    """Messages not delivered yet (waiting, being sent, or given up), oldest first."""
    return OutboxMessage.objects.exclude(status=OutboxStatus.SENT).order_by("created_at", "id")


def outbox_counts() -> dict[str, int]:
    counts = {status.value: 0 for status in OutboxStatus}
    for status in OutboxMessage.objects.values_list("status", flat=True):
        counts[status] += 1
    return counts
