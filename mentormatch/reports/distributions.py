"""The dashboard's chart maths: histograms, match scores, mentor loads, time to match.

Pure functions of the standings (``mentorships.standing``) where they can be; ``match_scores``
reads the suggestions that made each mentorship.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from mentormatch.matching.models import RunStatus, Suggestion
from mentormatch.matching.selectors import published_run
from mentormatch.mentorships.models import Mentorship, MentorshipStatus
from mentormatch.mentorships.standing import Standing
from mentormatch.rounds.models import ParticipantRole, Round


@dataclass
class Count:
    """One bar of a chart: a label and a number (the charts' ``Datum``)."""

    label: str
    value: int


NICE_STEPS = (1, 2, 2.5, 5)


def _nice_width(raw: float) -> float:
    """The smallest of 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, ... that is at least ``raw``."""
    scale = 10 ** math.floor(math.log10(raw))
    for step in NICE_STEPS:
        if step * scale >= raw - 1e-12:
            return step * scale
    return 10 * scale


def histogram(values: list[float], *, bins: int = 5) -> list[Count]:
    """Bins of a round width from 0 up, as many as needed (at most ``bins``) for every value."""
    if not values:
        return []
    top = max(max(values), 1.0)
    width = _nice_width(top / bins)
    count = min(bins, max(1, math.ceil(top / width - 1e-9)))
    counts = [0] * count
    for value in values:
        index = min(int(max(value, 0.0) / width + 1e-9), count - 1)
        counts[index] += 1
    return [
        Count(f"{round(i * width, 6):g} to {round((i + 1) * width, 6):g}", counts[i])
        for i in range(count)
    ]


def match_scores(round_: Round) -> tuple[list[float], list[Count]]:
    """Scores out of 100 (``Suggestion.percent``) of the active mentorships, from the run that
    suggested the pair, and the shortlist position the mentee chose."""
    mentorships = list(
        Mentorship.objects.filter(round=round_, status=MentorshipStatus.ACTIVE).values_list(
            "mentee_id", "mentor_id"
        )
    )
    if not mentorships:
        return [], []
    pairs = set(mentorships)
    found: dict[tuple[int, int], tuple[float, int]] = {}
    # Newest runs first: the latest suggestion of a pair is the one the mentee saw.
    for suggestion in (
        Suggestion.objects.filter(run__round=round_, run__status=RunStatus.SUCCEEDED)
        .select_related("run")
        .only("mentee_id", "mentor_id", "score", "position", "run__summary")
        .order_by("-run__created_at", "-run_id")
    ):
        key = (suggestion.mentee_id, suggestion.mentor_id)
        if key in pairs and key not in found:
            found[key] = (float(suggestion.percent), suggestion.position)
    scores = [score for score, _ in found.values()]
    positions: Counter[str] = Counter()
    for key in pairs:
        if key in found:
            position = found[key][1]
            positions["1st suggestion" if position == 1 else f"Suggestion {position}"] += 1
        else:
            positions["Not on the shortlist (matched by hand)"] += 1
    ordered = sorted(positions.items(), key=lambda item: (item[0][0] == "N", item[0]))
    return scores, [Count(label, value) for label, value in ordered]


@dataclass
class MentorLoad:
    name: str
    taken: int
    capacity: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)


def mentor_loads(rows: Iterable[Standing]) -> list[MentorLoad]:
    loads = [
        MentorLoad(r.name, len(r.matched_with), r.capacity)
        for r in rows
        if r.role == ParticipantRole.MENTOR
    ]
    return sorted(loads, key=lambda load: (-load.taken, load.name))


def mentor_load_distribution(loads: list[MentorLoad]) -> list[Count]:
    if not loads:
        return []
    top = max(max(load.taken for load in loads), 2)
    counts = Counter(load.taken for load in loads)
    return [Count(f"{n} mentee{'s' if n != 1 else ''}", counts.get(n, 0)) for n in range(top + 1)]


@dataclass
class TimeToMatch:
    count: int = 0
    median_days: float | None = None
    longest_days: float | None = None
    bins: list[Count] = field(default_factory=list)
    since: str = ""


TIME_BINS = ((2, "0 to 2 days"), (7, "3 to 7 days"), (14, "8 to 14 days"), (30, "15 to 30 days"))


def time_to_match(round_: Round, rows: Iterable[Standing]) -> TimeToMatch:
    """Days from the results (or the round's opening) to each mentee's match."""
    run = published_run(round=round_)
    start = round_.results_published_at or (run.finished_at if run else None)
    since = "the results were published"
    if start is None:
        start, since = round_.opened_at, "the round opened"
    if start is None:
        return TimeToMatch()
    days = [
        max((r.match_started_at - start).total_seconds(), 0.0) / 86400
        for r in rows
        if r.role == ParticipantRole.MENTEE and r.match_started_at is not None
    ]
    if not days:
        return TimeToMatch(since=since)
    bins = []
    lower = -1.0
    for upper, label in TIME_BINS:
        bins.append(Count(label, sum(lower < d <= upper for d in days)))
        lower = upper
    bins.append(Count("More than 30 days", sum(d > lower for d in days)))
    return TimeToMatch(
        count=len(days),
        median_days=round(statistics.median(days), 1),
        longest_days=round(max(days), 1),
        bins=bins,
        since=since,
    )
