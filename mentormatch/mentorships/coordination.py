"""Coordinators' writes on mentorships: a match by hand, and ending a mentorship (audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.mentorships import emails, selectors
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipSource,
    MentorshipStatus,
    RequestStatus,
    RoundPause,
)
from mentormatch.mentorships.rules import (
    MentorshipError,
    has_active_mentorship,
    lock_participations,
)
from mentormatch.rounds.models import Round


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
        mentee_row, mentor_row = lock_participations(round=round, mentee=mentee, mentor=mentor)
        if mentee_row is None:
            raise MentorshipError(f"{mentee.display_name} is not a mentee in this round.")
        if mentor_row is None:
            raise MentorshipError(f"{mentor.display_name} is not a mentor in this round.")
        if has_active_mentorship(round=round, mentee=mentee):
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
        emails.send_mentorship_confirmed(mentorship=mentorship)
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
