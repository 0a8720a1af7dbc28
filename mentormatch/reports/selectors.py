"""The round dashboard's figures and the exports' rows, read from the other apps (read-only).

Confidential questionnaire answers (gender, under-represented status) appear here only as
counts of groups, and every group of fewer than ``SMALL_GROUP`` people is withheld (shown as
"fewer than 5").  When exactly one group of a breakdown is withheld, the next smallest group
is withheld as well, so that the withheld one cannot be worked out by subtracting the others
from the total (complementary suppression).

Which questions hold gender and under-represented status: the mentee-side questions whose key
is one of ``GENDER_KEYS`` / ``UNDERREPRESENTED_KEYS``.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mentormatch.directory.models import Profile
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.selectors import published_run
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    RequestStatus,
)
from mentormatch.questionnaire.models import Answer, Audience, Response, ResponseStatus
from mentormatch.rounds.models import ParticipantRole, Participation, Round

SMALL_GROUP = 5
GENDER_KEYS = ("gender", "self_gender", "gender_identity", "my_gender")
UNDERREPRESENTED_KEYS = (
    "background",
    "underrepresented",
    "under_represented",
    "urm",
    "self_urm",
    "underrepresented_group",
)
NOT_STATED = "Not stated"


# --- Participants --------------------------------------------------------------------------


@dataclass
class ParticipantRow:
    """One person's place in a round, as the participation export and the funnel see it."""

    user_id: int
    name: str
    email: str
    role: str
    department: str
    rank: str
    profile_complete: bool
    questionnaire_status: str  # "not started", "draft", "submitted"
    shortlisted: bool
    request_status: str  # mentees: their latest request; mentors: "" or "n pending"
    matched: bool
    matched_with: list[str] = field(default_factory=list)
    capacity: int = 1
    withdrawn: bool = False
    match_started_at: datetime | None = None
    latest_request_at: datetime | None = None

    @property
    def role_label(self) -> str:
        return ParticipantRole(self.role).label


def latest_successful_run(round_: Round) -> MatchRun | None:
    published = published_run(round=round_)
    if published:
        return published
    return round_.runs.filter(status=RunStatus.SUCCEEDED).order_by("-created_at", "-id").first()


def participant_rows(round_: Round, *, include_withdrawn: bool = False) -> list[ParticipantRow]:
    participations = Participation.objects.filter(round=round_).select_related("user")
    if not include_withdrawn:
        participations = participations.filter(withdrawn_at__isnull=True)
    participations = participations.order_by("role", "user__last_name", "user__first_name", "id")
    user_ids = {p.user_id for p in participations}
    profiles = {p.user_id: p for p in Profile.objects.filter(user_id__in=user_ids)}
    responses = {
        (r.user_id, r.role): r.status
        for r in Response.objects.filter(round=round_, user_id__in=user_ids)
    }
    run = published_run(round=round_)
    shortlisted_mentees: set[int] = set()
    shortlisted_mentors: set[int] = set()
    if run is not None:
        for mentee_id, mentor_id in Suggestion.objects.filter(run=run).values_list(
            "mentee_id", "mentor_id"
        ):
            shortlisted_mentees.add(mentee_id)
            shortlisted_mentors.add(mentor_id)
    latest_request: dict[int, MentorshipRequest] = {}
    pending_for_mentor: Counter[int] = Counter()
    for request in MentorshipRequest.objects.filter(round=round_).order_by("created_at", "id"):
        latest_request[request.mentee_id] = request
        if request.status == RequestStatus.PENDING:
            pending_for_mentor[request.mentor_id] += 1
    mentors_of: dict[int, list[str]] = defaultdict(list)
    mentees_of: dict[int, list[str]] = defaultdict(list)
    started: dict[int, datetime] = {}
    for mentorship in Mentorship.objects.filter(
        round=round_, status=MentorshipStatus.ACTIVE
    ).select_related("mentor", "mentee"):
        mentors_of[mentorship.mentee_id].append(mentorship.mentor.display_name)
        mentees_of[mentorship.mentor_id].append(mentorship.mentee.display_name)
        started[mentorship.mentee_id] = mentorship.started_at

    rows = []
    for participation in participations:
        user = participation.user
        profile = profiles.get(user.pk)
        is_mentor = participation.role == ParticipantRole.MENTOR
        status = responses.get((user.pk, participation.role))
        if is_mentor:
            pending = pending_for_mentor.get(user.pk, 0)
            request_status = f"{pending} waiting" if pending else ""
            matched_with = mentees_of.get(user.pk, [])
        else:
            latest = latest_request.get(user.pk)
            request_status = latest.get_status_display() if latest else ""
            matched_with = mentors_of.get(user.pk, [])
        rows.append(
            ParticipantRow(
                user_id=user.pk,
                name=user.display_name,
                email=user.email,
                role=participation.role,
                department=profile.department if profile else "",
                rank=profile.rank if profile else "",
                profile_complete=bool(profile and profile.is_complete),
                questionnaire_status=(
                    "submitted"
                    if status == ResponseStatus.SUBMITTED
                    else ("draft" if status else "not started")
                ),
                shortlisted=user.pk in (shortlisted_mentors if is_mentor else shortlisted_mentees),
                request_status=request_status,
                matched=bool(matched_with),
                matched_with=matched_with,
                capacity=participation.capacity,
                withdrawn=participation.withdrawn_at is not None,
                match_started_at=None if is_mentor else started.get(user.pk),
                latest_request_at=(
                    None
                    if is_mentor or user.pk not in latest_request
                    else latest_request[user.pk].created_at
                ),
            )
        )
    return rows


# --- Funnel --------------------------------------------------------------------------------


@dataclass
class Count:
    label: str
    value: int


def mentee_funnel(rows: Iterable[ParticipantRow]) -> list[Count]:
    mentees = [r for r in rows if r.role == ParticipantRole.MENTEE]
    return [
        Count("Taking part", len(mentees)),
        Count("Profile complete", sum(r.profile_complete for r in mentees)),
        Count(
            "Questionnaire submitted",
            sum(r.questionnaire_status == "submitted" for r in mentees),
        ),
        Count("Shortlist published", sum(r.shortlisted for r in mentees)),
        Count("Sent a request", sum(bool(r.request_status) for r in mentees)),
        Count("Matched", sum(r.matched for r in mentees)),
    ]


def mentor_funnel(rows: Iterable[ParticipantRow]) -> list[Count]:
    mentors = [r for r in rows if r.role == ParticipantRole.MENTOR]
    return [
        Count("Taking part", len(mentors)),
        Count("Profile complete", sum(r.profile_complete for r in mentors)),
        Count(
            "Questionnaire submitted",
            sum(r.questionnaire_status == "submitted" for r in mentors),
        ),
        Count("Places offered", sum(r.capacity for r in mentors)),
        Count("Places taken", sum(len(r.matched_with) for r in mentors)),
    ]


# --- Distributions -------------------------------------------------------------------------


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


def mentor_loads(rows: Iterable[ParticipantRow]) -> list[MentorLoad]:
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


def time_to_match(round_: Round, rows: Iterable[ParticipantRow]) -> TimeToMatch:
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


# --- Lists ---------------------------------------------------------------------------------


@dataclass
class Unmatched:
    name: str
    department: str
    where: str


def unmatched_mentees(rows: Iterable[ParticipantRow]) -> list[Unmatched]:
    result = []
    for r in rows:
        if r.role != ParticipantRole.MENTEE or r.matched:
            continue
        if not r.profile_complete:
            where = "Profile not complete"
        elif r.questionnaire_status != "submitted":
            where = f"Questionnaire {r.questionnaire_status}"
        elif not r.shortlisted:
            where = "No shortlist yet"
        elif r.request_status:
            where = f"Request: {r.request_status.lower()}"
        else:
            where = "Has not chosen a mentor yet"
        result.append(Unmatched(r.name, r.department, where))
    return result


def waiting_requests(round_: Round) -> list[MentorshipRequest]:
    return list(
        MentorshipRequest.objects.filter(round=round_, status=RequestStatus.PENDING)
        .select_related("mentee", "mentor")
        .order_by("created_at", "id")
    )


# --- Breakdowns (small-group rule) ---------------------------------------------------------


@dataclass
class GroupRow:
    label: str
    size: int | None  # None: withheld (fewer than SMALL_GROUP, or to protect one that is)
    matched: int | None
    note: str = ""

    @property
    def withheld(self) -> bool:
        return self.size is None

    @property
    def percent_matched(self) -> int | None:
        if self.size is None or self.matched is None or self.size == 0:
            return None
        return round(100 * self.matched / self.size)


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[GroupRow]
    confidential: bool = False
    asked: bool = True  # False: the round asks mentees no such question

    @property
    def any_withheld(self) -> bool:
        return any(row.withheld for row in self.rows)


def suppress_small_groups(groups: dict[str, tuple[int, int]]) -> list[GroupRow]:
    """Rows for ``{label: (size, matched)}``, withholding every group under SMALL_GROUP.

    A lone withheld group could be recovered from the total, so the smallest group that is
    shown is withheld with it.
    """
    ordered = sorted(groups.items(), key=lambda item: (-item[1][0], item[0]))
    small = {label for label, (size, _) in ordered if 0 < size < SMALL_GROUP}
    protecting: set[str] = set()
    if len(small) == 1:
        shown = [label for label, (size, _) in ordered if label not in small and size > 0]
        if shown:
            protecting.add(shown[-1])
    rows = []
    for label, (size, matched) in ordered:
        if size <= 0:
            continue
        if label in small:
            rows.append(GroupRow(label, None, None, f"fewer than {SMALL_GROUP}"))
        elif label in protecting:
            rows.append(GroupRow(label, None, None, "not shown, to protect a smaller group"))
        else:
            rows.append(GroupRow(label, size, matched))
    # Withheld groups last, alphabetically: their order must not hint at their sizes.
    return [r for r in rows if not r.withheld] + sorted(
        (r for r in rows if r.withheld), key=lambda r: r.label
    )


def _answer_label(value: Any, choices: dict[str, str]) -> str:
    if value in (None, "", []):
        return NOT_STATED
    if isinstance(value, list):
        return ", ".join(choices.get(str(v), str(v)) for v in value) or NOT_STATED
    return choices.get(str(value), str(value))


def _confidential_groups(
    round_: Round, keys: tuple[str, ...], mentees: list[ParticipantRow]
) -> dict[int, str] | None:
    question = (
        round_.questions.filter(key__in=keys, audience__in=[Audience.MENTEE, Audience.BOTH])
        .order_by("position", "id")
        .first()
    )
    if question is None:
        return None
    choices = {str(c.get("value")): str(c.get("label", c.get("value"))) for c in question.choices}
    answers = dict(
        Answer.objects.filter(
            question=question,
            response__role=Audience.MENTEE,
            response__user_id__in=[r.user_id for r in mentees],
        ).values_list("response__user_id", "value")
    )
    return {r.user_id: _answer_label(answers.get(r.user_id), choices) for r in mentees}


def _group(mentees: list[ParticipantRow], label_of: dict[int, str]) -> dict[str, tuple[int, int]]:
    sizes: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    for r in mentees:
        label = label_of.get(r.user_id) or NOT_STATED
        sizes[label] += 1
        matched[label] += int(r.matched)
    return {label: (sizes[label], matched[label]) for label in sizes}


def breakdowns(round_: Round, rows: Iterable[ParticipantRow]) -> list[Breakdown]:
    mentees = [r for r in rows if r.role == ParticipantRole.MENTEE]
    result = [
        Breakdown(
            "department",
            "Department",
            suppress_small_groups(_group(mentees, {r.user_id: r.department for r in mentees})),
        ),
        Breakdown(
            "rank",
            "Rank",
            suppress_small_groups(_group(mentees, {r.user_id: r.rank for r in mentees})),
        ),
    ]
    for key, title, keys in (
        ("gender", "Gender", GENDER_KEYS),
        ("underrepresented", "Under-represented group", UNDERREPRESENTED_KEYS),
    ):
        labels = _confidential_groups(round_, keys, mentees)
        if labels is None:
            result.append(Breakdown(key, title, [], confidential=True, asked=False))
        else:
            rows_ = suppress_small_groups(_group(mentees, labels))
            result.append(Breakdown(key, title, rows_, confidential=True))
    return result


# --- The dashboard -------------------------------------------------------------------------


@dataclass
class Dashboard:
    round: Round
    run: MatchRun | None
    mentee_funnel: list[Count]
    mentor_funnel: list[Count]
    score_bins: list[Count]
    score_median: float | None
    chosen_positions: list[Count]
    mentor_loads: list[MentorLoad]
    mentor_load_bins: list[Count]
    unmatched: list[Unmatched]
    waiting: list[MentorshipRequest]
    time_to_match: TimeToMatch
    breakdowns: list[Breakdown]


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
        waiting=waiting_requests(round_),
        time_to_match=time_to_match(round_, rows),
        breakdowns=breakdowns(round_, rows),
    )


# --- Matches export ------------------------------------------------------------------------


@dataclass
class MatchRow:
    mentee: str
    mentee_email: str
    mentee_department: str
    mentor: str
    mentor_email: str
    mentor_department: str
    how: str
    status: str
    started: datetime
    score: float | None
    shortlist_position: int | None


def match_rows(round_: Round) -> list[MatchRow]:
    mentorships = list(
        Mentorship.objects.filter(round=round_)
        .select_related("mentee", "mentor", "request__suggestion")
        .order_by("mentee__last_name", "mentee__first_name", "started_at", "id")
    )
    people = {m.mentee_id for m in mentorships} | {m.mentor_id for m in mentorships}
    departments = dict(
        Profile.objects.filter(user_id__in=people).values_list("user_id", "department")
    )
    suggestions: dict[tuple[int, int], tuple[float, int]] = {}
    for mentee_id, mentor_id, score, position in (
        Suggestion.objects.filter(run__round=round_, run__status=RunStatus.SUCCEEDED)
        .order_by("-run__created_at", "-run_id")
        .values_list("mentee_id", "mentor_id", "score", "position")
    ):
        suggestions.setdefault((mentee_id, mentor_id), (score, position))
    rows = []
    for m in mentorships:
        found = suggestions.get((m.mentee_id, m.mentor_id))
        rows.append(
            MatchRow(
                mentee=m.mentee.display_name,
                mentee_email=m.mentee.email,
                mentee_department=departments.get(m.mentee_id, ""),
                mentor=m.mentor.display_name,
                mentor_email=m.mentor.email,
                mentor_department=departments.get(m.mentor_id, ""),
                how=m.get_source_display(),
                status=m.get_status_display(),
                started=m.started_at,
                score=round(found[0], 4) if found else None,
                shortlist_position=found[1] if found else None,
            )
        )
    return rows


def rounds_for_reports() -> list[Round]:
    return list(Round.objects.order_by("-opens_on", "-id"))
