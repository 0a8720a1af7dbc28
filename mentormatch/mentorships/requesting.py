"""A request's life: the mentee asks (or withdraws), the mentor accepts or declines.

The rules and the locks are in :mod:`mentormatch.mentorships.rules`; every write here takes
the locks first, checks, writes, and queues its e-mail (sent after commit).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from mentormatch.matching.models import Suggestion
from mentormatch.mentorships import emails, selectors
from mentormatch.mentorships.expiry import request_expire
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipSource,
    RequestStatus,
    RoundPause,
)
from mentormatch.mentorships.rules import (
    MESSAGE_MAX_LENGTH,
    MentorshipError,
    active_count,
    has_active_mentorship,
    lock_participations,
    require_mentor,
    require_pending,
    round_accepts_requests,
)
from mentormatch.rounds.models import Participation, Round

# --- Mentee -------------------------------------------------------------------------------


def _clean_message(message: str) -> str:
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise MentorshipError(f"Keep the message under {MESSAGE_MAX_LENGTH} characters.")
    return message


def _expire_overdue(*, round: Round, mentee: Any, mentor: Any, now: datetime) -> None:
    """Overdue requests that the scheduled job has not reached yet no longer hold a place."""
    overdue = MentorshipRequest.objects.filter(
        Q(mentee=mentee) | Q(mentor=mentor),
        round=round,
        status=RequestStatus.PENDING,
        expires_at__lte=now,
    )
    for pk in list(overdue.values_list("pk", flat=True)):
        request_expire(pk, now)


def _mentor_capacity(
    round: Round, mentee_row: Participation | None, mentor_row: Participation | None, mentor: Any
) -> int:
    """The mentor's places in the round, once the round takes requests and both take part."""
    if not round_accepts_requests(round):
        raise MentorshipError("This round is not taking requests.")
    if mentee_row is None:
        raise MentorshipError("You are not taking part in this round as a mentee.")
    if mentor_row is None:
        raise MentorshipError(f"{mentor.display_name} is not mentoring in this round.")
    return mentor_row.capacity


def _shortlisted(
    *, round: Round, mentee: Any, mentor: Any, suggestion: Suggestion | None
) -> Suggestion:
    """The published suggestion of ``mentor`` to ``mentee`` (``suggestion`` if it is that)."""
    found = selectors.published_suggestion_for(round=round, mentee=mentee, mentor=mentor)
    if found is None or (suggestion is not None and suggestion.pk != found.pk):
        raise MentorshipError(f"{mentor.display_name} is not on your shortlist.")
    return found


def _require_free_to_ask(*, round: Round, mentee: Any, mentor: Any, capacity: int) -> None:
    """The mentee has no mentor and no waiting request; the mentor has not declined them and
    has a place left."""
    if has_active_mentorship(round=round, mentee=mentee):
        raise MentorshipError("You already have a mentor in this round.")
    waiting = selectors.pending_request(round=round, mentee=mentee)
    if waiting is not None:
        raise MentorshipError(
            f"Your request to {waiting.mentor.display_name} is still waiting for an answer. "
            "Withdraw it first if you want to choose someone else."
        )
    if MentorshipRequest.objects.filter(
        round=round, mentee=mentee, mentor=mentor, status=RequestStatus.DECLINED
    ).exists():
        raise MentorshipError(
            f"{mentor.display_name} cannot take you on this round. Please choose another mentor."
        )
    if selectors.mentor_load(round=round, mentor=mentor) >= capacity:
        raise MentorshipError(
            f"{mentor.display_name} has no places left this round. Please choose another mentor."
        )


def request_create(
    *,
    round: Round,
    mentee: Any,
    mentor: Any,
    suggestion: Suggestion | None = None,
    message: str = "",
    now: datetime | None = None,
) -> MentorshipRequest:
    """A mentee asks a mentor from their shortlist. Raises MentorshipError when not allowed."""
    now = now or timezone.now()
    message = _clean_message(message)
    if mentee.pk == mentor.pk:
        raise MentorshipError("You cannot ask yourself to be your mentor.")
    with transaction.atomic():
        mentee_row, mentor_row = lock_participations(round=round, mentee=mentee, mentor=mentor)
        round = Round.objects.get(pk=round.pk)
        _expire_overdue(round=round, mentee=mentee, mentor=mentor, now=now)
        capacity = _mentor_capacity(round, mentee_row, mentor_row, mentor)
        suggestion = _shortlisted(round=round, mentee=mentee, mentor=mentor, suggestion=suggestion)
        _require_free_to_ask(round=round, mentee=mentee, mentor=mentor, capacity=capacity)
        RoundPause.objects.filter(round=round, mentee=mentee).delete()
        try:
            with transaction.atomic():
                req = MentorshipRequest.objects.create(
                    round=round,
                    mentee=mentee,
                    mentor=mentor,
                    suggestion=suggestion,
                    message=message,
                    expires_at=now + timedelta(days=settings.MENTORMATCH["REQUEST_EXPIRY_DAYS"]),
                )
        except IntegrityError:
            raise MentorshipError(
                "You already have a request waiting for an answer in this round."
            ) from None
        emails.send_request_received(request=req)
    return req


def request_withdraw(*, request: MentorshipRequest, mentee: Any) -> MentorshipRequest:
    now = timezone.now()
    with transaction.atomic():
        req = MentorshipRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if req.mentee_id != mentee.pk:
            raise MentorshipError("Only the mentee who sent this request may withdraw it.")
        if req.status != RequestStatus.PENDING:
            raise MentorshipError("This request is no longer waiting for an answer.")
        req.status = RequestStatus.WITHDRAWN
        req.responded_at = now
        req.save(update_fields=["status", "responded_at"])
        emails.send_request_withdrawn(request=req)
    return req


# --- Mentor -------------------------------------------------------------------------------


def request_accept(*, request: MentorshipRequest, mentor: Any) -> Mentorship:
    """The mentor says yes: the mentorship starts and both are told."""
    now = timezone.now()
    with transaction.atomic():
        _, mentor_row = lock_participations(
            round=request.round, mentee=request.mentee, mentor=mentor
        )
        req = (
            MentorshipRequest.objects.select_for_update(of=("self",))
            .select_related("round", "mentee", "mentor")
            .get(pk=request.pk)
        )
        require_mentor(req, mentor)
        require_pending(req, now)
        if mentor_row is None:
            raise MentorshipError("You are not mentoring in this round.")
        if has_active_mentorship(round=req.round, mentee=req.mentee):
            raise MentorshipError(f"{req.mentee.display_name} already has a mentor in this round.")
        if active_count(round=req.round, mentor=mentor) >= mentor_row.capacity:
            raise MentorshipError(
                "You have no places left this round. Decline the request, or ask the "
                "coordinator to raise your capacity."
            )
        req.status = RequestStatus.ACCEPTED
        req.responded_at = now
        req.save(update_fields=["status", "responded_at"])
        mentorship = Mentorship.objects.create(
            round=req.round,
            mentee=req.mentee,
            mentor=req.mentor,
            request=req,
            source=MentorshipSource.REQUEST,
            created_by=mentor,
        )
        RoundPause.objects.filter(round=req.round, mentee=req.mentee).delete()
        emails.send_mentorship_confirmed(mentorship=mentorship)
    return mentorship


def request_decline(
    *, request: MentorshipRequest, mentor: Any, reason: str = ""
) -> MentorshipRequest:
    """The mentor says no. The reason stays private; the mentee is told and may choose again."""
    now = timezone.now()
    with transaction.atomic():
        req = (
            MentorshipRequest.objects.select_for_update(of=("self",))
            .select_related("round", "mentee", "mentor")
            .get(pk=request.pk)
        )
        require_mentor(req, mentor)
        require_pending(req, now)
        req.status = RequestStatus.DECLINED
        req.decline_reason = (reason or "").strip()[:MESSAGE_MAX_LENGTH]
        req.responded_at = now
        req.save(update_fields=["status", "decline_reason", "responded_at"])
        emails.send_request_declined(request=req)
    return req
