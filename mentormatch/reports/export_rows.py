"""Rows of the dashboard's exports: participation (from the standings) and matches.

The matches rows are built by ``mentormatch.mentorships.exports`` for both matches exports
(the coordinator's "Matches" page and the dashboard), so their columns agree.
"""

from __future__ import annotations

from mentormatch.core.exports import Cell
from mentormatch.mentorships.exports import MATCH_HEADERS, match_rows
from mentormatch.reports.participants import participant_rows
from mentormatch.rounds.models import ParticipantRole, Round

__all__ = ["MATCH_HEADERS", "PARTICIPATION_HEADERS", "match_rows", "participation_rows"]

PARTICIPATION_HEADERS = [
    "Name",
    "E-mail",
    "Role",
    "Department",
    "Rank",
    "Profile complete",
    "Questionnaire",
    "Shortlisted",
    "Request status",
    "Matched",
    "Matched with",
    "Capacity",
    "Stage",
    "Where they stand",
]


def participation_rows(round_: Round) -> list[list[Cell]]:
    """One row a person taking part, with their stage as every other page shows it."""
    return [
        [
            p.name,
            p.email,
            p.role_label,
            p.department,
            p.rank,
            p.profile_complete,
            p.questionnaire,
            p.shortlisted,
            p.request_status,
            p.matched,
            "; ".join(p.matched_with),
            p.capacity if p.role == ParticipantRole.MENTOR else None,
            p.stage_label,
            p.where,
        ]
        for p in participant_rows(round_)
    ]
