"""One round with a person at every stage, for the tests that check the pages agree.

Built from the shared factories (``tests.factories``); each person's name (and username)
names their stage, so a failing assertion says who is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.mentorships.models import MentorshipStatus, RequestStatus, RoundPause
from mentormatch.questionnaire.models import Response, ResponseStatus
from mentormatch.rounds.models import Participation, Round
from tests.factories import (
    join,
    make_mentorship,
    make_request,
    make_round,
    make_user,
    publish_run,
    submit,
)

# Mentees by stage, in the order of the stages.
MENTEE_STAGES = (
    "invited",
    "profile_complete",
    "questionnaire_draft",
    "questionnaire_submitted",
    "shortlisted",
    "paused",
    "waiting",
    "declined",
    "expired",
    "withdrawn",
    "matched",
    "ended",
)


def _person(username: str, **traits: Any) -> User:
    """``"busy_mentor"`` is Busy Mentor, username ``busy_mentor``."""
    first, _, last = username.partition("_")
    return make_user(first.title(), username=username, last_name=last.title(), **traits)


@dataclass
class EveryStage:
    round: Round
    coordinator: User
    mentees: dict[str, User] = field(default_factory=dict)
    mentors: dict[str, User] = field(default_factory=dict)
    left: User | None = None  # shortlisted, declined, then withdrew from the round


def every_stage_round() -> EveryStage:
    """Twelve mentees (one a stage), four mentors, and one mentee who left the round.

    Mentors: ``busy`` (two places, one mentee, one request waiting), ``full`` (mentors the
    mentee whose match ended, then nobody), ``idle`` (submitted, on no shortlist) and
    ``new`` (profile not complete).
    """
    round_ = make_round("Spring 2027", questionnaire=False)
    world = EveryStage(round_, _person("cora_coordinator", coordinator=True, profile=False))
    mentors = world.mentors
    mentors["busy"] = _person("busy_mentor", mentor=True, rank="Professor")
    mentors["full"] = _person("full_mentor", mentor=True, rank="Professor")
    mentors["idle"] = _person("idle_mentor", mentor=True, rank="Professor")
    mentors["new"] = _person("new_mentor", mentor=True, profile=False)
    for key, mentor in mentors.items():
        join(round_, mentor, "mentor", capacity=2 if key == "busy" else 1)
        if key != "new":
            submit(round_, mentor, "mentor")
    for stage in MENTEE_STAGES:
        mentee = _person(
            f"{stage.replace('_', '')}_mentee", mentee=True, profile=stage != "invited"
        )
        world.mentees[stage] = mentee
        join(round_, mentee, "mentee")
        if stage == "questionnaire_draft":
            Response.objects.create(
                round=round_, user=mentee, role="mentee", status=ResponseStatus.DRAFT
            )
        elif stage not in ("invited", "profile_complete"):
            submit(round_, mentee, "mentee")
    world.left = _person("left_mentee", mentee=True)
    join(round_, world.left, "mentee")
    submit(round_, world.left, "mentee")

    on_shortlists = [m for s, m in world.mentees.items() if s not in MENTEE_STAGES[:4]]
    publish_run(
        round_,
        {m: [(mentors["busy"], 0.9), (mentors["full"], 0.6)] for m in [*on_shortlists, world.left]},
    )
    m = world.mentees
    RoundPause.objects.create(round=round_, mentee=m["paused"], note="On leave this term")
    make_request(round_, m["waiting"], mentors["busy"])
    make_request(round_, m["declined"], mentors["busy"], RequestStatus.DECLINED)
    make_request(round_, m["expired"], mentors["full"], RequestStatus.EXPIRED)
    make_request(round_, m["withdrawn"], mentors["full"], RequestStatus.WITHDRAWN)
    make_mentorship(round_, m["matched"], mentors["busy"])
    ended = make_mentorship(round_, m["ended"], mentors["full"])
    ended.status, ended.ended_at = MentorshipStatus.ENDED, timezone.now()
    ended.save(update_fields=["status", "ended_at"])
    make_request(round_, world.left, mentors["busy"], RequestStatus.DECLINED)
    Participation.objects.filter(round=round_, user=world.left).update(withdrawn_at=timezone.now())
    return world
