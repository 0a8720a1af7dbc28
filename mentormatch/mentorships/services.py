"""Writes for requests and mentorships.

Capacity rule: a mentor's places in a round are taken by active mentorships *and* pending
requests (a pending request reserves a place until it is accepted, declined, withdrawn or
expires).  So a mentor never has more requests waiting than places left, and accepting never
has to disappoint someone who was already told "waiting for the mentor".  A coordinator's
manual match may go over capacity only when the coordinator says so explicitly (logged).

Concurrency: every write that depends on a count locks the ``rounds.Participation`` rows of the
mentee and the mentor first (``SELECT ... FOR UPDATE``, in primary-key order so two
transactions never wait on each other in a cycle), then counts, then writes.  On PostgreSQL the
second of two simultaneous requests waits for the first to commit and then sees its row.  On
SQLite, transactions start with ``BEGIN IMMEDIATE`` (see settings), which serialises writers.
The partial unique constraints on requests and mentorships are the last line of defence.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.matching.models import Suggestion
from mentormatch.mentorships import selectors
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipSource,
    MentorshipStatus,
    RequestStatus,
    RoundPause,
)
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.rounds.models import ParticipantRole, Participation, Round, RoundStatus

MESSAGE_MAX_LENGTH = 2000


class MentorshipError(Exception):
    """A request or match that the programme's rules do not allow; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- Helpers ------------------------------------------------------------------------------


def _lock_participations(
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


def _link(name: str, **kwargs: Any) -> str:
    return settings.SITE_URL + reverse(f"mentorships:{name}", kwargs=kwargs)


def _email_context(req: MentorshipRequest) -> dict[str, Any]:
    return {
        "request": req,
        "round": req.round,
        "mentee": req.mentee,
        "mentor": req.mentor,
        "request_url": _link("request_detail", request_id=req.pk),
        "accept_url": _link("request_accept", request_id=req.pk),
        "decline_url": _link("request_decline", request_id=req.pk),
        "shortlist_url": _link("shortlist", round_id=req.round_id),
        "mine_url": _link("mine"),
    }


def _notify(req: MentorshipRequest, *, event: str, template: str, to: Any) -> None:
    """Queue one e-mail about a request; the key makes each event at most one e-mail."""
    context = _email_context(req)
    context["recipient"] = to
    outbox_enqueue(
        dedupe_key=f"request:{req.pk}:{event}:{to.pk}",
        template=template,
        to_email=to.email,
        context=context,
        recipient=to,
    )


def _notify_confirmed(mentorship: Mentorship) -> None:
    for person, other, role in (
        (mentorship.mentee, mentorship.mentor, "mentee"),
        (mentorship.mentor, mentorship.mentee, "mentor"),
    ):
        if not person.email:
            continue
        outbox_enqueue(
            dedupe_key=f"mentorship:{mentorship.pk}:confirmed:{person.pk}",
            template="mentorship_confirmed",
            to_email=person.email,
            context={
                "mentorship": mentorship,
                "round": mentorship.round,
                "recipient": person,
                "other": other,
                "role": role,
                "manual": mentorship.source == MentorshipSource.MANUAL,
                "mine_url": _link("mine"),
            },
            recipient=person,
        )


def _require_mentor(req: MentorshipRequest, mentor: Any) -> None:
    if req.mentor_id != mentor.pk:
        raise MentorshipError("Only the mentor asked may answer this request.")


def _require_pending(req: MentorshipRequest, now: datetime) -> None:
    if req.status != RequestStatus.PENDING:
        raise MentorshipError(
            f"This request is no longer waiting for an answer ({req.get_status_display().lower()})."
        )
    if req.expires_at <= now:
        raise MentorshipError("This request has expired.")


def _has_active_mentorship(*, round: Round, mentee: Any) -> bool:
    return Mentorship.objects.filter(
        round=round, mentee=mentee, status=MentorshipStatus.ACTIVE
    ).exists()


def _active_count(*, round: Round, mentor: Any) -> int:
    return Mentorship.objects.filter(
        round=round, mentor=mentor, status=MentorshipStatus.ACTIVE
    ).count()


# --- Mentee -------------------------------------------------------------------------------


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
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise MentorshipError(f"Keep the message under {MESSAGE_MAX_LENGTH} characters.")
    if mentee.pk == mentor.pk:
        raise MentorshipError("You cannot ask yourself to be your mentor.")
    with transaction.atomic():
        mentee_row, mentor_row = _lock_participations(round=round, mentee=mentee, mentor=mentor)
        round = Round.objects.get(pk=round.pk)
        # Overdue requests that the scheduled job has not reached yet no longer hold a place.
        overdue = MentorshipRequest.objects.filter(
            Q(mentee=mentee) | Q(mentor=mentor),
            round=round,
            status=RequestStatus.PENDING,
            expires_at__lte=now,
        )
        for pk in list(overdue.values_list("pk", flat=True)):
            _expire(pk, now)
        if not round_accepts_requests(round):
            raise MentorshipError("This round is not taking requests.")
        if mentee_row is None:
            raise MentorshipError("You are not taking part in this round as a mentee.")
        if mentor_row is None:
            raise MentorshipError(f"{mentor.display_name} is not mentoring in this round.")
        if suggestion is None:
            suggestion = selectors.published_suggestion_for(
                round=round, mentee=mentee, mentor=mentor
            )
        elif suggestion.mentor_id != mentor.pk or suggestion.pk not in {
            s.pk for s in selectors.published_suggestions(round=round, mentee=mentee)
        }:
            suggestion = None
        if suggestion is None:
            raise MentorshipError(f"{mentor.display_name} is not on your shortlist.")
        if _has_active_mentorship(round=round, mentee=mentee):
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
                f"{mentor.display_name} cannot take you on this round. Please choose another "
                "mentor."
            )
        if selectors.mentor_load(round=round, mentor=mentor) >= mentor_row.capacity:
            raise MentorshipError(
                f"{mentor.display_name} has no places left this round. Please choose another "
                "mentor."
            )
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
        if mentor.email:
            _notify(req, event="created", template="request_received", to=mentor)
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
        if req.mentor.email:
            _notify(req, event="withdrawn", template="request_withdrawn", to=req.mentor)
    return req


def pause_create(*, round: Round, mentee: Any, note: str = "") -> RoundPause:
    """Not this round: decline every suggestion; a waiting request is withdrawn."""
    with transaction.atomic():
        # The same lock as request_create, so a pause and a new request cannot interleave.
        list(
            Participation.objects.select_for_update()
            .filter(round=round, user=mentee, role=ParticipantRole.MENTEE)
            .values_list("pk", flat=True)
        )
        if _has_active_mentorship(round=round, mentee=mentee):
            raise MentorshipError("You already have a mentor in this round.")
        waiting = selectors.pending_request(round=round, mentee=mentee)
        if waiting is not None:
            request_withdraw(request=waiting, mentee=mentee)
        pause, _ = RoundPause.objects.update_or_create(
            round=round, mentee=mentee, defaults={"note": (note or "").strip()[:2000]}
        )
    return pause


def pause_lift(*, round: Round, mentee: Any) -> None:
    RoundPause.objects.filter(round=round, mentee=mentee).delete()


# --- Mentor -------------------------------------------------------------------------------


def request_accept(*, request: MentorshipRequest, mentor: Any) -> Mentorship:
    """The mentor says yes: the mentorship starts and both are told."""
    now = timezone.now()
    with transaction.atomic():
        _, mentor_row = _lock_participations(
            round=request.round, mentee=request.mentee, mentor=mentor
        )
        req = (
            MentorshipRequest.objects.select_for_update(of=("self",))
            .select_related("round", "mentee", "mentor")
            .get(pk=request.pk)
        )
        _require_mentor(req, mentor)
        _require_pending(req, now)
        if mentor_row is None:
            raise MentorshipError("You are not mentoring in this round.")
        if _has_active_mentorship(round=req.round, mentee=req.mentee):
            raise MentorshipError(f"{req.mentee.display_name} already has a mentor in this round.")
        if _active_count(round=req.round, mentor=mentor) >= mentor_row.capacity:
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
        _notify_confirmed(mentorship)
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
        _require_mentor(req, mentor)
        _require_pending(req, now)
        req.status = RequestStatus.DECLINED
        req.decline_reason = (reason or "").strip()[:MESSAGE_MAX_LENGTH]
        req.responded_at = now
        req.save(update_fields=["status", "decline_reason", "responded_at"])
        if req.mentee.email:
            _notify(req, event="declined", template="request_declined", to=req.mentee)
    return req


# --- Scheduled ----------------------------------------------------------------------------


def _expire(pk: int, now: datetime) -> bool:
    """Expire one overdue pending request (claimed by a conditional update) and tell both."""
    claimed = MentorshipRequest.objects.filter(
        pk=pk, status=RequestStatus.PENDING, expires_at__lte=now
    ).update(status=RequestStatus.EXPIRED, responded_at=now)
    if not claimed:
        return False
    req = MentorshipRequest.objects.select_related("round", "mentee", "mentor").get(pk=pk)
    if req.mentee.email:
        _notify(req, event="expired", template="request_expired", to=req.mentee)
    if req.mentor.email:
        _notify(req, event="expired", template="request_expired_mentor", to=req.mentor)
    return True


def requests_expire_due(*, now: datetime | None = None) -> int:
    """Expire every pending request past ``expires_at``; tell both sides. Returns the count.

    Each row is claimed with a conditional update, so two runs at once expire it only once.
    """
    now = now or timezone.now()
    due = list(
        MentorshipRequest.objects.filter(
            status=RequestStatus.PENDING, expires_at__lte=now
        ).values_list("pk", flat=True)
    )
    expired = 0
    for pk in due:
        with transaction.atomic():
            expired += _expire(pk, now)
    return expired


def requests_remind_due(*, now: datetime | None = None) -> int:
    """Remind mentors of requests waiting ``REQUEST_REMINDER_DAYS``; once each. Returns count."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MENTORMATCH["REQUEST_REMINDER_DAYS"])
    due = list(
        MentorshipRequest.objects.filter(
            status=RequestStatus.PENDING,
            reminder_sent_at__isnull=True,
            created_at__lte=cutoff,
            expires_at__gt=now,
        ).values_list("pk", flat=True)
    )
    reminded = 0
    for pk in due:
        with transaction.atomic():
            claimed = MentorshipRequest.objects.filter(
                pk=pk, status=RequestStatus.PENDING, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            req = MentorshipRequest.objects.select_related("round", "mentee", "mentor").get(pk=pk)
            if req.mentor.email:
                _notify(req, event="reminder", template="request_reminder", to=req.mentor)
            reminded += 1
    return reminded


# --- Coordinators -------------------------------------------------------------------------


def mentorship_create_manual(
    *,
    round: Round,
    mentee: Any,
    mentor: Any,
    reason: str,
    actor: Any,
    over_capacity: bool = False,
    http_request: Any = None,
) -> Mentorship:
    """A coordinator matches two people by hand; the reason is required and logged.

    The mentor's capacity is respected unless ``over_capacity`` is set (that choice is logged
    too).  A request the mentee has waiting is withdrawn: the manual match replaces it.
    """
    reason = (reason or "").strip()
    if not reason:
        raise MentorshipError("Give a reason for the manual match.")
    if mentee.pk == mentor.pk:
        raise MentorshipError("A person cannot mentor themselves.")
    with transaction.atomic():
        mentee_row, mentor_row = _lock_participations(round=round, mentee=mentee, mentor=mentor)
        if mentee_row is None:
            raise MentorshipError(f"{mentee.display_name} is not a mentee in this round.")
        if mentor_row is None:
            raise MentorshipError(f"{mentor.display_name} is not a mentor in this round.")
        if _has_active_mentorship(round=round, mentee=mentee):
            raise MentorshipError(f"{mentee.display_name} already has a mentor in this round.")
        waiting = selectors.pending_request(round=round, mentee=mentee)
        load = selectors.mentor_load(round=round, mentor=mentor)
        if waiting is not None and waiting.mentor_id == mentor.pk:
            load -= 1  # that request's reserved place becomes the mentorship
        full = load >= mentor_row.capacity
        if full and not over_capacity:
            raise MentorshipError(
                f"{mentor.display_name} has no places left ({load} of {mentor_row.capacity} "
                "taken). Tick “match over capacity” to match anyway."
            )
        if waiting is not None:
            waiting.status = RequestStatus.WITHDRAWN
            waiting.responded_at = timezone.now()
            waiting.save(update_fields=["status", "responded_at"])
        RoundPause.objects.filter(round=round, mentee=mentee).delete()
        mentorship = Mentorship.objects.create(
            round=round,
            mentee=mentee,
            mentor=mentor,
            source=MentorshipSource.MANUAL,
            reason=reason,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="mentorship.manual_match",
            obj=mentorship,
            round_id=round.pk,
            summary=f"Matched {mentee.display_name} with {mentor.display_name}: {reason}",
            details={
                "mentee_id": mentee.pk,
                "mentor_id": mentor.pk,
                "reason": reason,
                "capacity": mentor_row.capacity,
                "places_taken_before": load,
                "over_capacity": full,
                "withdrew_request_id": waiting.pk if waiting is not None else None,
            },
            request=http_request,
        )
        _notify_confirmed(mentorship)
    return mentorship


def mentorship_end(
    *, mentorship: Mentorship, actor: Any, reason: str = "", http_request: Any = None
) -> Mentorship:
    """End a mentorship (a coordinator action, audited); the mentor's place is freed."""
    with transaction.atomic():
        m = (
            Mentorship.objects.select_for_update(of=("self",))
            .select_related("mentee", "mentor")
            .get(pk=mentorship.pk)
        )
        if m.status != MentorshipStatus.ACTIVE:
            raise MentorshipError("This mentorship has already ended.")
        m.status = MentorshipStatus.ENDED
        m.ended_at = timezone.now()
        m.save(update_fields=["status", "ended_at"])
        audit_record(
            actor=actor,
            action="mentorship.end",
            obj=m,
            round_id=m.round_id,
            summary=f"Ended {m.mentor.display_name} mentoring {m.mentee.display_name}"
            + (f": {reason.strip()}" if reason.strip() else ""),
            details={"reason": reason.strip()},
            request=http_request,
        )
    return m
