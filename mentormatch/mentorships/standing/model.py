"""Where one participant stands in one round: the facts read about them, and their stage.

A ``Standing`` holds what the loader (``loading.py``) read for one participation: profile,
questionnaire, shortlist, requests, pause and mentorships.  Everything a page shows about a
participant's progress is derived here, once: the ``stage`` (one value, for lists and
exports), the ``where`` sentence (what a coordinator reads), and the facts the home page's
steps need (the pending request, the mentor, the mentees).

A stage is the furthest thing that has happened, not a gate: a mentee waiting for a mentor
whose profile has since become incomplete is "waiting" (the home page still asks them to
complete the profile first, from the same facts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from mentormatch.directory.models import Profile
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    RequestStatus,
    RoundPause,
)
from mentormatch.mentorships.standing import phrases
from mentormatch.mentorships.standing.stages import (
    DRAFT,
    REQUEST_STAGE,
    SUBMITTED,
    Stage,
)
from mentormatch.rounds.models import ParticipantRole, Participation, Round


@dataclass
class Standing:
    """One participation and what is known about it (see the module docstring).

    ``requests`` and ``mentorships`` are the round's, oldest first: those the mentee sent
    (or the mentor received), with ``mentee`` and ``mentor`` loaded.
    """

    participation: Participation
    questionnaire: str  # NOT_STARTED, DRAFT or SUBMITTED
    shortlisted: bool  # on a shortlist of the round's published results
    results_published: bool  # the round has published results
    requests: list[MentorshipRequest] = field(default_factory=list)
    mentorships: list[Mentorship] = field(default_factory=list)
    pause: RoundPause | None = None

    # --- who ---------------------------------------------------------------------------

    @property
    def user(self) -> Any:
        return self.participation.user

    @property
    def user_id(self) -> int:
        return self.participation.user_id

    @property
    def round(self) -> Round:
        return self.participation.round

    @property
    def role(self) -> str:
        return self.participation.role

    @property
    def is_mentor(self) -> bool:
        return self.role == ParticipantRole.MENTOR

    @property
    def role_label(self) -> str:
        return ParticipantRole(self.role).label

    @property
    def name(self) -> str:
        return str(self.user.display_name)

    @property
    def email(self) -> str:
        return str(self.user.email)

    @property
    def capacity(self) -> int:
        return self.participation.capacity

    @property
    def profile(self) -> Profile | None:
        return getattr(self.user, "profile", None)

    @property
    def profile_complete(self) -> bool:
        return bool(self.profile is not None and self.profile.is_complete)

    @property
    def department(self) -> str:
        return self.profile.department if self.profile is not None else ""

    @property
    def rank(self) -> str:
        return self.profile.rank if self.profile is not None else ""

    # --- requests and mentorships ------------------------------------------------------

    @property
    def requested(self) -> bool:
        """Mentees: sent a request in the round; mentors: received one."""
        return bool(self.requests)

    @property
    def latest_request(self) -> MentorshipRequest | None:
        return self.requests[-1] if self.requests else None

    @property
    def pending_requests(self) -> list[MentorshipRequest]:
        return [r for r in self.requests if r.status == RequestStatus.PENDING]

    @property
    def pending_request(self) -> MentorshipRequest | None:
        """A mentee's request waiting for the mentor (there is at most one)."""
        pending = self.pending_requests
        return pending[0] if pending else None

    @property
    def answered_requests(self) -> int:
        return sum(r.status != RequestStatus.PENDING for r in self.requests)

    @property
    def last_refused_request(self) -> MentorshipRequest | None:
        """The mentee's latest request a mentor declined or let expire."""
        refused = (RequestStatus.DECLINED, RequestStatus.EXPIRED)
        return next((r for r in reversed(self.requests) if r.status in refused), None)

    @property
    def accepted(self) -> bool:
        return any(r.status == RequestStatus.ACCEPTED for r in self.requests)

    @property
    def active_mentorships(self) -> list[Mentorship]:
        return [m for m in self.mentorships if m.status == MentorshipStatus.ACTIVE]

    @property
    def ended_mentorships(self) -> list[Mentorship]:
        return [m for m in self.mentorships if m.status == MentorshipStatus.ENDED]

    @property
    def matched(self) -> bool:
        """Has an active mentorship in the round (an ended one no longer counts)."""
        return bool(self.active_mentorships)

    def _other(self, m: Mentorship | MentorshipRequest) -> Any:
        return m.mentee if self.is_mentor else m.mentor

    @property
    def matched_with(self) -> list[str]:
        """Names of the other side of each active mentorship."""
        return [self._other(m).display_name for m in self.active_mentorships]

    @property
    def mentor(self) -> Any:
        """A mentee's mentor in an active mentorship (None for mentors and the unmatched)."""
        active = self.active_mentorships
        return None if self.is_mentor or not active else active[0].mentor

    @property
    def match_started_at(self) -> datetime | None:
        active = self.active_mentorships
        return None if self.is_mentor or not active else active[0].started_at

    @property
    def request_status(self) -> str:
        """Mentees: their latest request's status; mentors: how many requests wait."""
        if self.is_mentor:
            pending = len(self.pending_requests)
            return f"{pending} waiting" if pending else ""
        latest = self.latest_request
        return str(latest.get_status_display()) if latest else ""

    # --- stage -------------------------------------------------------------------------

    @cached_property
    def stage(self) -> Stage:
        return self._mentor_stage() if self.is_mentor else self._mentee_stage()

    @property
    def stage_label(self) -> str:
        return str(self.stage.label)

    def _before_requests(self) -> Stage:
        if self.shortlisted:
            return Stage.SHORTLISTED
        if self.questionnaire == SUBMITTED:
            return Stage.QUESTIONNAIRE_SUBMITTED
        if self.questionnaire == DRAFT:
            return Stage.QUESTIONNAIRE_DRAFT
        return Stage.PROFILE_COMPLETE if self.profile_complete else Stage.INVITED

    def _mentee_stage(self) -> Stage:
        """Matched, paused, then the latest request (unless a mentorship ended after it),
        then an ended mentorship, then the steps before any request."""
        if self.matched:
            return Stage.MATCHED
        if self.pause is not None:
            return Stage.PAUSED
        latest, ended = self.latest_request, self.ended_mentorships
        if (
            latest is not None
            and latest.status in REQUEST_STAGE
            and (not ended or latest.created_at > ended[-1].started_at)
        ):
            return REQUEST_STAGE[RequestStatus(latest.status)]
        if ended or self.accepted:
            return Stage.ENDED
        return self._before_requests()

    def _mentor_stage(self) -> Stage:
        if self.matched:
            return Stage.MATCHED
        if self.pending_requests:
            return Stage.WAITING
        if self.ended_mentorships:
            return Stage.ENDED
        return self._before_requests()

    @property
    def where(self) -> str:
        """Where the participant stands, in a few words for a coordinator (one sentence
        for every page that lists participants)."""
        return phrases.where(self)
