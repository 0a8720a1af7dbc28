"""The audit log's part in "Download my data" (registered in apps.py; the log is kept)."""

from __future__ import annotations

from typing import Any

from mentormatch.audit.models import AuditEvent
from mentormatch.core.personal_data import model_rows


def audit_export(user: Any) -> dict[str, Any]:
    return {"your_actions_in_the_audit_log": model_rows(AuditEvent.objects.filter(actor=user))}
