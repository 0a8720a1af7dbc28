"""One round with a person at every stage, for the tests that check the pages agree.

Built from today's builders (``mentormatch.core.tests.builders``); each person's username
names their stage, so a failing assertion says who is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.core.tests import builders as b
from mentormatch.mentorships.models import MentorshipStatus, RequestStatus, RoundPause
from mentormatch.questionnaire.models import Response, ResponseStatus
from mentormatch.rounds.models import Participation, Round

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
    round_ = b.open_round()
    world = EveryStage(round_, b.person("cora_coordinator", coordinator=True, complete=False))
    mentors = world.mentors
    mentors["busy"] = b.person("busy_mentor", mentor=True, rank="Professor")
    mentors["full"] = b.person("full_mentor", mentor=True, rank="Professor")
    mentors["idle"] = b.person("idle_mentor", mentor=True, rank="Professor")
    mentors["new"] = b.person("new_mentor", mentor=True, complete=False)
    for key, mentor in mentors.items():
        b.join(round_, mentor, "mentor", capacity=2 if key == "busy" else 1)
        if key != "new":
            b.submit(round_, mentor, "mentor")
    for stage in MENTEE_STAGES:
        mentee = b.person(
            f"{stage.replace('_', '')}_mentee", mentee=True, complete=stage != "invited"
        )
        world.mentees[stage] = mentee
        b.join(round_, mentee, "mentee")
        if stage == "questionnaire_draft":
            Response.objects.create(
                round=round_, user=mentee, role="mentee", status=ResponseStatus.DRAFT
            )
        elif stage not in ("invited", "profile_complete"):
            b.submit(round_, mentee, "mentee")
    world.left = b.person("left_mentee", mentee=True)
    b.join(round_, world.left, "mentee")
    b.submit(round_, world.left, "mentee")

    on_shortlists = [m for s, m in world.mentees.items() if s not in MENTEE_STAGES[:4]]
    b.published_run(
        round_,
        {m: [(mentors["busy"], 0.9), (mentors["full"], 0.6)] for m in [*on_shortlists, world.left]},
    )
    m = world.mentees
    RoundPause.objects.create(round=round_, mentee=m["paused"], note="On leave this term")
    b.request(round_, m["waiting"], mentors["busy"])
    b.request(round_, m["declined"], mentors["busy"], RequestStatus.DECLINED)
    b.request(round_, m["expired"], mentors["full"], RequestStatus.EXPIRED)
    b.request(round_, m["withdrawn"], mentors["full"], RequestStatus.WITHDRAWN)
    b.match(round_, m["matched"], mentors["busy"])
    ended = b.match(round_, m["ended"], mentors["full"])
    ended.status, ended.ended_at = MentorshipStatus.ENDED, timezone.now()
    ended.save(update_fields=["status", "ended_at"])
    b.request(round_, world.left, mentors["busy"], RequestStatus.DECLINED)
    Participation.objects.filter(round=round_, user=world.left).update(withdrawn_at=timezone.now())
    return world
