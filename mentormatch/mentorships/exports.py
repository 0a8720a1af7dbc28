"""The matches of a round as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from mentormatch.core.exports import csv_safe
from mentormatch.mentorships.models import Mentorship

HEADER = [
    "round",
    "mentee_name",
    "mentee_email",
    "mentee_department",
    "mentor_name",
    "mentor_email",
    "mentor_department",
    "source",
    "started",
    "status",
]


def _department(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return profile.department if profile is not None else ""


def matches_csv(mentorships: Iterable[Mentorship]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for m in mentorships:
        writer.writerow(
            [
                csv_safe(v)
                for v in (
                    m.round.name,
                    m.mentee.display_name,
                    m.mentee.email,
                    _department(m.mentee),
                    m.mentor.display_name,
                    m.mentor.email,
                    _department(m.mentor),
                    m.get_source_display(),
                    m.started_at.isoformat(timespec="seconds"),
                    m.get_status_display(),
                )
            ]
        )
    return out.getvalue()
