"""The matches of a round as rows: one builder for both matches exports.

The coordinator's "Matches" page (CSV) and the reports dashboard (CSV or Excel) export the
same columns from ``match_rows``; ``core.exports`` writes the file and defuses cells that a
spreadsheet would run as formulas.  What the rows read of a suggestion (score, shortlist
position) is in ``_suggestion_cells`` alone.
"""

from __future__ import annotations

from mentormatch.core.exports import Cell, to_csv
from mentormatch.directory.models import Profile
from mentormatch.matching.models import RunStatus, Suggestion
from mentormatch.mentorships.models import Mentorship
from mentormatch.rounds.models import Round

MATCH_HEADERS = [
    "Round",
    "Mentee",
    "Mentee e-mail",
    "Mentee department",
    "Mentor",
    "Mentor e-mail",
    "Mentor department",
    "How matched",
    "Status",
    "Started",
    "Ended",
    "Score",
    "Shortlist position",
]

Pair = tuple[int, int]  # (mentee id, mentor id)


def _suggestion_cells(round_: Round) -> dict[Pair, tuple[Cell, Cell]]:
    """(score, shortlist position) of each pair, from the newest finished run suggesting it."""
    cells: dict[Pair, tuple[Cell, Cell]] = {}
    for mentee_id, mentor_id, score, position in (
        Suggestion.objects.filter(run__round=round_, run__status=RunStatus.SUCCEEDED)
        .order_by("-run__created_at", "-run_id")
        .values_list("mentee_id", "mentor_id", "score", "position")
    ):
        cells.setdefault((mentee_id, mentor_id), (round(score, 4), position))
    return cells


def match_rows(*, round: Round) -> list[list[Cell]]:
    """One row a mentorship of the round (active or ended), by the mentee's name."""
    mentorships = list(
        Mentorship.objects.filter(round=round)
        .select_related("mentee", "mentor")
        .order_by("mentee__last_name", "mentee__first_name", "started_at", "id")
    )
    people = {m.mentee_id for m in mentorships} | {m.mentor_id for m in mentorships}
    departments = dict(
        Profile.objects.filter(user_id__in=people).values_list("user_id", "department")
    )
    suggested = _suggestion_cells(round)
    return [
        [
            round.name,
            m.mentee.display_name,
            m.mentee.email,
            departments.get(m.mentee_id, ""),
            m.mentor.display_name,
            m.mentor.email,
            departments.get(m.mentor_id, ""),
            m.get_source_display(),
            m.get_status_display(),
            m.started_at,
            m.ended_at,
            *suggested.get((m.mentee_id, m.mentor_id), (None, None)),
        ]
        for m in mentorships
    ]


def matches_csv(*, round: Round) -> bytes:
    """The matches of ``round`` as a CSV file (UTF-8 with a byte-order mark, for Excel)."""
    return to_csv(MATCH_HEADERS, match_rows(round=round))
