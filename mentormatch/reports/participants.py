"""The reports' view of a round's participants, read from the one read model of standings.

The dashboard's funnels, mentor loads, breakdowns and lists, and the participation export,
all start from ``participant_rows``; the stage and its wording come from
``mentormatch.mentorships.standing`` so that they agree with the round page, the home page
and the coordinator's unmatched list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mentormatch.mentorships.models import MentorshipRequest
from mentormatch.mentorships.standing import Standing, round_standings
from mentormatch.rounds.models import ParticipantRole, Round


def participant_rows(round_: Round) -> list[Standing]:
    """Everyone taking part in the round: mentees by name, then mentors by name."""
    return round_standings(round=round_)


@dataclass
class Unmatched:
    name: str
    department: str
    where: str


def unmatched_mentees(rows: Iterable[Standing]) -> list[Unmatched]:
    """Mentees without an active mentorship, and where each stands (the read model's words)."""
    return [
        Unmatched(r.name, r.department, r.where)
        for r in rows
        if r.role == ParticipantRole.MENTEE and not r.matched
    ]


def waiting_requests(rows: Iterable[Standing]) -> list[MentorshipRequest]:
    """Requests waiting for the mentor's answer, oldest first."""
    pending = [
        request for r in rows if r.role == ParticipantRole.MENTEE for request in r.pending_requests
    ]
    return sorted(pending, key=lambda request: (request.created_at, request.pk))
