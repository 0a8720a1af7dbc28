"""Reports write nothing but the audit trail: each export of personal data is recorded."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from mentormatch.audit.services import audit_record
from mentormatch.rounds.models import Round


@transaction.atomic
def report_export_record(
    *, actor: Any, round_: Round, kind: str, fmt: str, rows: int, request: HttpRequest | None
) -> None:
    audit_record(
        actor=actor,
        action=f"reports.export_{kind}",
        obj=round_,
        round_id=round_.pk,
        summary=f"Exported {kind} of “{round_.name}” as {fmt.upper()} ({rows} rows)",
        details={"format": fmt, "rows": rows},
        request=request,
    )
