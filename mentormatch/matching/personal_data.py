"""Shortlists' part in "Download my data" (registered in apps.py)."""

from __future__ import annotations

from typing import Any

from mentormatch.core.personal_data import model_rows
from mentormatch.matching.models import Suggestion


def shortlists_export(user: Any) -> dict[str, Any]:
    # A mentor's view of other people's shortlists is not data about the mentor.
    return {"your_shortlists": model_rows(Suggestion.objects.filter(mentee=user))}
