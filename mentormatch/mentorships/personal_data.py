"""Requests' and mentorships' part in "Download my data" and "Erase my data" (see apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from mentormatch.core.personal_data import model_row, model_rows
from mentormatch.mentorships.models import Mentorship, MentorshipRequest


def mentorships_export(user: Any) -> dict[str, Any]:
    return {
        "requests_you_sent": [
            # The mentor's decline reason is the mentor's confidential answer.
            {k: v for k, v in model_row(r).items() if k != "decline_reason"}
            for r in MentorshipRequest.objects.filter(mentee=user)
        ],
        "requests_you_received": model_rows(MentorshipRequest.objects.filter(mentor=user)),
        "mentorships": model_rows(Mentorship.objects.filter(Q(mentee=user) | Q(mentor=user))),
    }


def mentorships_erase(user: Any) -> None:
    """Blank the messages and decline reasons; the requests stay for the counts."""
    MentorshipRequest.objects.filter(Q(mentee=user) | Q(mentor=user)).update(
        message="", decline_reason=""
    )
