"""Writing the audit log. Every coordinator action and every sensitive read calls this."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from mentormatch.audit.models import AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    round_id: int | None = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event. ``action`` is a dotted name such as ``"round.open"``."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        round_id=round_id,
        summary=summary[:500],
        details=details or {},
        ip_address=_client_ip(request),
    )
