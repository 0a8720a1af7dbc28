"""Last year's round, finished: so that reports and the coordinator's pages have history.

It is written as a record of what happened a year ago: no e-mails go out and no audit rows
claim that anyone acted today.  The matching in it is real: the engine runs on last year's
answers (lexical affinity, which is quick), and the mentorships follow its assignment.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.services import match_run_execute
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipSource,
    MentorshipStatus,
    RequestStatus,
)
from mentormatch.questionnaire.defaults import questionnaire_install_defaults
from mentormatch.questionnaire.models import Audience, Response
from mentormatch.questionnaire.services import response_submit
from mentormatch.rounds.models import Participation, Round, RoundStatus
from mentormatch_dev.demo.answers import answer_for
from mentormatch_dev.demo.generate import Person

HISTORY_ROUND_NAME = "Faculty mentoring 2026 (demo)"
# Share of last year's matched mentees whose mentor accepted, and who later ended early.
ACCEPTED_SHARE = 0.85
ENDED_SHARE = 0.1


class HistoryError(RuntimeError):
    """Last year's matching did not run (the message says why)."""


def demo_history(
    *, coordinator: User, people: list[Person], users: dict[str, User], seed: int
) -> Round:
    """Create last year's closed round once; later calls return it unchanged."""
    existing = Round.objects.filter(name=HISTORY_ROUND_NAME).first()
    if existing is not None:
        return existing
    rng = random.Random(f"history-{seed}")
    now = timezone.now()
    opened = now - timedelta(days=380)
    round_ = Round.objects.create(
        name=HISTORY_ROUND_NAME,
        description="Last year's faculty mentoring round.",
        status=RoundStatus.OPEN,
        opens_on=opened.date(),
        closes_on=(opened + timedelta(days=45)).date(),
        created_by=coordinator,
        opened_at=opened,
        matching_settings={"affinity_method": "lexical"},
    )
    questions = questionnaire_install_defaults(round=round_)
    # Last year's cohort: most of today's faculty (the demo mentor and mentee are new).
    cohort = [p for p in people if p["id"] not in ("mentor", "mentee") and rng.random() < 0.6]
    for person in cohort:
        user = users[str(person["id"])]
        for role in person["roles"]:
            Participation.objects.create(
                round=round_, user=user, role=role, invited_at=opened, capacity=1
            )
            answers = {
                q.key: answer_for(q, rng, role=role, person=person)
                for q in questions
                if q.audience in (role, Audience.BOTH)
            }
            response_submit(round=round_, user=user, role=role, answers=answers)
    Response.objects.filter(round=round_).update(
        submitted_at=opened + timedelta(days=20), updated_at=opened + timedelta(days=20)
    )
    run = _run_matching(round_, coordinator, published=opened + timedelta(days=47))
    _mentorships(round_, run, rng, published=opened + timedelta(days=47))
    Round.objects.filter(pk=round_.pk).update(
        status=RoundStatus.CLOSED,
        closed_at=opened + timedelta(days=45),
        results_published_at=opened + timedelta(days=47),
    )
    round_.refresh_from_db()
    return round_


def _run_matching(round_: Round, coordinator: User, *, published: datetime) -> MatchRun:
    run = MatchRun.objects.create(round=round_, requested_by=coordinator)
    match_run_execute(run.pk)
    run.refresh_from_db()
    if run.status != RunStatus.SUCCEEDED:
        raise HistoryError(f"Last year's demo matching failed: {run.error}")
    MatchRun.objects.filter(pk=run.pk).update(
        is_published=True,
        created_at=published,
        started_at=published,
        finished_at=published,
        heartbeat_at=published,
    )
    return run


def _mentorships(round_: Round, run: MatchRun, rng: random.Random, *, published: datetime) -> None:
    assigned = Suggestion.objects.filter(run=run, assigned=True).order_by("mentee_id")
    for suggestion in assigned:
        draw = rng.random()
        if draw >= ACCEPTED_SHARE + 0.1:
            continue  # never asked anyone
        asked = published + timedelta(days=rng.randint(1, 10))
        answered = asked + timedelta(days=rng.randint(0, 6))
        accepted = draw < ACCEPTED_SHARE
        request = MentorshipRequest.objects.create(
            round=round_,
            mentee_id=suggestion.mentee_id,
            mentor_id=suggestion.mentor_id,
            suggestion=suggestion,
            status=RequestStatus.ACCEPTED if accepted else RequestStatus.DECLINED,
            expires_at=asked + timedelta(days=7),
            responded_at=answered,
        )
        MentorshipRequest.objects.filter(pk=request.pk).update(created_at=asked)
        if not accepted:
            continue
        ended = rng.random() < ENDED_SHARE
        mentorship = Mentorship.objects.create(
            round=round_,
            mentee_id=suggestion.mentee_id,
            mentor_id=suggestion.mentor_id,
            request=request,
            source=MentorshipSource.REQUEST,
            status=MentorshipStatus.ENDED if ended else MentorshipStatus.ACTIVE,
            ended_at=answered + timedelta(days=150) if ended else None,
        )
        Mentorship.objects.filter(pk=mentorship.pk).update(started_at=answered)
