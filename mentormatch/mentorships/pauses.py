"""A mentee's "not this round": decline every suggestion and pause, or lift the pause."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from mentormatch.mentorships import selectors
from mentormatch.mentorships.models import RoundPause
from mentormatch.mentorships.requesting import request_withdraw
from mentormatch.mentorships.rules import MentorshipError, has_active_mentorship
from mentormatch.rounds.models import ParticipantRole, Participation, Round


def pause_create(*, round: Round, mentee: Any, note: str = "") -> RoundPause:
    """Not this round: decline every suggestion; a waiting request is withdrawn."""
    with transaction.atomic():
        # The same lock as request_create, so a pause and a new request cannot interleave.
        list(
            Participation.objects.select_for_update()
            .filter(round=round, user=mentee, role=ParticipantRole.MENTEE)
            .values_list("pk", flat=True)
        )
        if has_active_mentorship(round=round, mentee=mentee):
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
