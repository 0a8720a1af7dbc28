"""The round dashboard: every figure a coordinator reads about a round, in one object."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.matching.selectors import published_run
from mentormatch.mentorships.models import MentorshipRequest
from mentormatch.mentorships.standing import FunnelStep, mentee_funnel, mentor_funnel
from mentormatch.reports.breakdowns import Breakdown, breakdowns
from mentormatch.reports.distributions import (
    Count,
    MentorLoad,
    TimeToMatch,
    histogram,
    match_scores,
    mentor_load_distribution,
    mentor_loads,
    time_to_match,
)
from mentormatch.reports.participants import (
    Unmatched,
    participant_rows,
    unmatched_mentees,
    waiting_requests,
)
from mentormatch.rounds.models import Round


@dataclass
class Dashboard:
    round: Round
    run: MatchRun | None
    mentee_funnel: list[FunnelStep]
    mentor_funnel: list[FunnelStep]
    score_bins: list[Count]
    score_median: float | None
    chosen_positions: list[Count]
    mentor_loads: list[MentorLoad]
    mentor_load_bins: list[Count]
    unmatched: list[Unmatched]
    waiting: list[MentorshipRequest]
    time_to_match: TimeToMatch
    breakdowns: list[Breakdown]


def latest_successful_run(round_: Round) -> MatchRun | None:
    published = published_run(round=round_)
    if published:
        return published
    return round_.runs.filter(status=RunStatus.SUCCEEDED).order_by("-created_at", "-id").first()


def round_dashboard(*, round_: Round) -> Dashboard:
    rows = participant_rows(round_)
    scores, positions = match_scores(round_)
    loads = mentor_loads(rows)
    return Dashboard(
        round=round_,
        run=latest_successful_run(round_),
        mentee_funnel=mentee_funnel(rows),
        mentor_funnel=mentor_funnel(rows),
        score_bins=histogram(scores),
        score_median=round(statistics.median(scores), 2) if scores else None,
        chosen_positions=positions,
        mentor_loads=loads,
        mentor_load_bins=mentor_load_distribution(loads),
        unmatched=unmatched_mentees(rows),
        waiting=waiting_requests(rows),
        time_to_match=time_to_match(round_, rows),
        breakdowns=breakdowns(round_, rows),
    )
