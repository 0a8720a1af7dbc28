"""What the mentorships app tells the layers below it (registered in ``apps.py``).

Matching asks which pairs to leave out and which mentees have already chosen; the round page
asks for the funnels and who has answered, both read from the standings (``standing``).
"""

from __future__ import annotations

from typing import Any

from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RequestStatus
from mentormatch.mentorships.standing import (
    SUBMITTED,
    Standing,
    mentee_funnel,
    mentor_funnel,
    round_standings,
)
from mentormatch.rounds.models import Round


def declined_pairs(round: Round) -> set[tuple[int, int]]:
    """(mentee id, mentor id) of every request a mentor declined in ``round``."""
    return set(
        MentorshipRequest.objects.filter(round=round, status=RequestStatus.DECLINED).values_list(
            "mentee_id", "mentor_id"
        )
    )


def mentees_with_a_choice(round: Round) -> set[int]:
    """Mentees who already asked a mentor (pending or accepted) or were matched in the round."""
    asked = MentorshipRequest.objects.filter(
        round=round, status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED]
    ).values_list("mentee_id", flat=True)
    matched = Mentorship.objects.filter(round=round).values_list("mentee_id", flat=True)
    return set(asked) | set(matched)


def _standings(round: Round, shared: dict[str, Any]) -> list[Standing]:
    """The round's standings, read once per rendering of the round page."""
    if "standings" not in shared:
        shared["standings"] = round_standings(round=round)
    standings: list[Standing] = shared["standings"]
    return standings


def funnel_section(round: Round, shared: dict[str, Any]) -> dict[str, Any]:
    standings = _standings(round, shared)
    return {"funnel": mentee_funnel(standings), "mentor_funnel": mentor_funnel(standings)}


def participants_section(round: Round, shared: dict[str, Any]) -> dict[str, Any]:
    standings = _standings(round, shared)
    return {
        "answered": [s for s in standings if s.questionnaire == SUBMITTED],
        "not_answered": [s for s in standings if s.questionnaire != SUBMITTED],
    }
