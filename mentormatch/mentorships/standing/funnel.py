"""The round's funnel: how many mentees (and mentors) have reached each step.

One definition, read by the coordinator's round page and the reports dashboard.  A step
counts the participants taking part now (a withdrawn participant counts nowhere) for whom
its test holds; the steps are not nested, so a mentee matched by hand without a request
counts as confirmed but not as having requested.  "Confirmed" means an active mentorship:
a mentee whose mentorship ended is not confirmed (they are on the unmatched list), so
"Invited" minus "Confirmed" is the number of mentees without a mentor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from mentormatch.mentorships.standing.loading import round_standings
from mentormatch.mentorships.standing.model import Standing
from mentormatch.mentorships.standing.stages import SUBMITTED
from mentormatch.rounds.models import ParticipantRole, Round


class FunnelStep(NamedTuple):
    """One bar of the funnel (a tuple, so ``for label, value in funnel`` works)."""

    label: str
    value: int


class _Step(NamedTuple):
    mentee_label: str
    mentor_label: str
    reached: Callable[[Standing], bool]


STEPS = (
    _Step("Invited", "Invited", lambda s: True),
    _Step("Profile complete", "Profile complete", lambda s: s.profile_complete),
    _Step("Questionnaire done", "Questionnaire done", lambda s: s.questionnaire == SUBMITTED),
    _Step("Shortlisted", "On a shortlist", lambda s: s.shortlisted),
    _Step("Requested a mentor", "Asked by a mentee", lambda s: s.requested),
    _Step("Confirmed", "Confirmed", lambda s: s.matched),
)


def _of_role(standings: Iterable[Standing], role: str) -> list[Standing]:
    return [s for s in standings if s.role == role]


def mentee_funnel(standings: Iterable[Standing]) -> list[FunnelStep]:
    mentees = _of_role(standings, ParticipantRole.MENTEE)
    return [FunnelStep(step.mentee_label, sum(map(step.reached, mentees))) for step in STEPS]


def mentor_funnel(standings: Iterable[Standing]) -> list[FunnelStep]:
    """The mentors at each step, then the places they offer and the places taken."""
    mentors = _of_role(standings, ParticipantRole.MENTOR)
    return [
        *(FunnelStep(step.mentor_label, sum(map(step.reached, mentors))) for step in STEPS),
        FunnelStep("Places offered", sum(s.capacity for s in mentors)),
        FunnelStep("Places taken", sum(len(s.active_mentorships) for s in mentors)),
    ]


def round_funnel(*, round: Round) -> list[FunnelStep]:
    """The mentee funnel of ``round`` (reads the standings; callers holding them use
    :func:`mentee_funnel`)."""
    return mentee_funnel(round_standings(round=round))
