"""The reports' reads, one module a job (this module gathers them for the views):

- ``participants``: the round's participants, from the one read model of standings;
- ``distributions``: chart maths (histograms, scores, mentor loads, time to match);
- ``suppression``: the small-group rule; ``breakdowns``: matched mentees by group;
- ``dashboard``: the dashboard assembled; ``export_rows``: the exports' rows.
"""

from __future__ import annotations

from mentormatch.reports.breakdowns import Breakdown, breakdowns
from mentormatch.reports.dashboard import Dashboard, latest_successful_run, round_dashboard
from mentormatch.reports.distributions import Count, histogram
from mentormatch.reports.export_rows import (
    MATCH_HEADERS,
    PARTICIPATION_HEADERS,
    match_rows,
    participation_rows,
)
from mentormatch.reports.participants import participant_rows
from mentormatch.reports.suppression import SMALL_GROUP, GroupRow, suppress_small_groups
from mentormatch.rounds.models import Round

__all__ = [
    "MATCH_HEADERS",
    "PARTICIPATION_HEADERS",
    "SMALL_GROUP",
    "Breakdown",
    "Count",
    "Dashboard",
    "GroupRow",
    "breakdowns",
    "histogram",
    "latest_successful_run",
    "match_rows",
    "participant_rows",
    "participation_rows",
    "round_dashboard",
    "rounds_for_reports",
    "suppress_small_groups",
]


def rounds_for_reports() -> list[Round]:
    return list(Round.objects.order_by("-opens_on", "-id"))
