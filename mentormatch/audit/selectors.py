"""Reading the audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from mentormatch.audit.models import AuditEvent


def audit_events(*, round_id: int | None = None, action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor")
    if round_id is not None:
        events = events.filter(round_id=round_id)
    if action:
        events = events.filter(action=action)
    return events.order_by("-created_at", "-id")


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
