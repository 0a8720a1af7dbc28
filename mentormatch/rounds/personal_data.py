"""Rounds' part in "Download my data" (registered in apps.py; participations are kept)."""

from __future__ import annotations

from typing import Any

from mentormatch.core.personal_data import model_rows
from mentormatch.rounds.models import Participation


def participations_export(user: Any) -> dict[str, Any]:
    return {"participations": model_rows(Participation.objects.filter(user=user))}
