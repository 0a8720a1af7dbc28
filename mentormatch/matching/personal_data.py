"""Shortlists' part in "Download my data" (registered in apps.py).

A mentee's shortlist is data about the mentee, but each line also says why a mentor suits
them, and some of those reasons rest on the mentor's confidential answers: the download goes
through the same rule as the shortlist page (:mod:`matching.visibility`).
"""

from __future__ import annotations

from typing import Any

from mentormatch.core.personal_data import model_row
from mentormatch.matching.models import Suggestion
from mentormatch.matching.visibility import suggestion_visibility


def shortlists_export(user: Any) -> dict[str, Any]:
    # A mentor's view of other people's shortlists is not data about the mentor.
    rows = []
    visibility: dict[int, Any] = {}
    for suggestion in Suggestion.objects.filter(mentee=user).select_related("run"):
        round_id = suggestion.run.round_id
        if round_id not in visibility:
            visibility[round_id] = suggestion_visibility(round=round_id, may_see_confidential=False)
        seen = visibility[round_id]
        rows.append(
            {
                **model_row(suggestion),
                "parts": seen.parts(suggestion),
                "preferences_met": list(seen.preferences(suggestion)),
            }
        )
    return {"your_shortlists": rows}
