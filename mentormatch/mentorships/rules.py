"""The programme's rules for requests and mentorships, and the locks taken before checking them.

Capacity rule: a mentor's places in a round are taken by active mentorships *and* pending
requests (a pending request reserves a place until it is accepted, declined, withdrawn or
expires).  So a mentor never has more requests waiting than places left, and accepting never
has to disappoint someone who was already told "waiting for the mentor".  A coordinator's
manual match may go over capacity only when the coordinator says so explicitly (logged).

Concurrency: every write that depends on a count locks the ``rounds.Participation`` rows of the
mentee and the mentor first (:func:`lock_participations`: ``SELECT ... FOR UPDATE``, in
primary-key order so two transactions never wait on each other in a cycle), then counts, then
writes.  On PostgreSQL the second of two simultaneous requests waits for the first to commit
and then sees its row.  On SQLite, transactions start with ``BEGIN IMMEDIATE`` (see settings),
which serialises writers.  The partial unique constraints on requests and mentorships are the
last line of defence.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q

from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    RequestStatus,
)
from mentormatch.rounds.models import ParticipantRole, Participation, Round, RoundStatus

MESSAGE_MAX_LENGTH = 2000


class MentorshipError(Exception):
    """A request or match that the programme's rules do not allow; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def lock_participations(
    *, round: Round, mentee: Any, mentor: Any
) -> tuple[Participation | None, Participation | None]:
    """Lock the mentee's and the mentor's participation rows (primary-key order)."""
    rows = list(
        Participation.objects.select_for_update()
        .filter(round=round, withdrawn_at__isnull=True)
        .filter(
            Q(user=mentee, role=ParticipantRole.MENTEE)
            | Q(user=mentor, role=ParticipantRole.MENTOR)
        )
        .order_by("pk")
    )
    mentee_row = next(
        (p for p in rows if p.user_id == mentee.pk and p.role == ParticipantRole.MENTEE), None
    )
    mentor_row = next(
        (p for p in rows if p.user_id == mentor.pk and p.role == ParticipantRole.MENTOR), None
    )
    return mentee_row, mentor_row


def round_accepts_requests(round: Round) -> bool:
    """Mentees choose while the round is open or once its results are published."""
    return round.status == RoundStatus.OPEN or round.results_published_at is not None


def require_mentor(req: MentorshipRequest, mentor: Any) -> None:
    if req.mentor_id != mentor.pk:
        raise MentorshipError("Only the mentor asked may answer this request.")


def require_pending(req: MentorshipRequest, now: datetime) -> None:
    if req.status != RequestStatus.PENDING:
        raise MentorshipError(
            f"This request is no longer waiting for an answer ({req.get_status_display().lower()})."
        )
    if req.expires_at <= now:
        raise MentorshipError("This request has expired.")


def has_active_mentorship(*, round: Round, mentee: Any) -> bool:
    return Mentorship.objects.filter(
        round=round, mentee=mentee, status=MentorshipStatus.ACTIVE
    ).exists()


def active_count(*, round: Round, mentor: Any) -> int:
    return Mentorship.objects.filter(
        round=round, mentor=mentor, status=MentorshipStatus.ACTIVE
    ).count()
