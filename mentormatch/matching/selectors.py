"""Reading matching runs and their shortlists, and what a viewer may see of a suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.questionnaire.models import Question
from mentormatch.rounds.models import Round


def round_runs(*, round: Round) -> QuerySet[MatchRun]:
    return MatchRun.objects.filter(round=round).select_related("requested_by")


def latest_run(*, round: Round) -> MatchRun | None:
    return round_runs(round=round).order_by("-created_at", "-id").first()


def published_run(*, round: Round) -> MatchRun | None:
    return MatchRun.objects.filter(round=round, is_published=True).first()


def confidential_preferences(*, round: Round) -> set[str]:
    """Labels of the preferences that rest on a confidential answer (e.g. a mentor's gender).

    "Preferences met" with these labels would reveal the mentor's confidential answer, so they
    are shown only to coordinators allowed to see confidential answers.
    """
    questions = list(Question.objects.filter(round=round))
    by_key = {q.key: q for q in questions}
    hidden = set()
    for q in questions:
        paired = by_key.get(q.paired_key) if q.paired_key else None
        if q.confidential or (paired is not None and paired.confidential):
            hidden.add(q.label or q.text)
    return hidden


def with_visible_preferences(
    suggestions: list[Suggestion], *, round: Round, confidential: bool = False
) -> list[Suggestion]:
    """Set ``visible_preferences`` on each suggestion: its preferences met that the viewer may
    see (all of them when ``confidential`` is True)."""
    hidden = set() if confidential else confidential_preferences(round=round)
    for s in suggestions:
        s.visible_preferences = [p for p in s.preferences_met if p not in hidden]  # type: ignore[attr-defined]
    return suggestions


def published_shortlist(*, round: Round, mentee: Any) -> list[Suggestion]:
    """The mentee's shortlist in the round's published results, best first ([] if none).

    Preferences that rest on the mentor's confidential answers (e.g. "Gender preference")
    would reveal those answers to the mentee, so they are left out of ``preferences_met`` on
    the returned objects (in memory only; never save them) and of ``visible_preferences``.
    """
    suggestions = list(
        Suggestion.objects.filter(
            run__round=round,
            run__is_published=True,
            run__status=RunStatus.SUCCEEDED,
            mentee=mentee,
        )
        .select_related("mentor", "mentor__profile")
        .order_by("position")
    )
    with_visible_preferences(suggestions, round=round)
    for s in suggestions:
        s.preferences_met = list(s.visible_preferences)  # type: ignore[attr-defined]
    return suggestions


@dataclass
class MenteeResult:
    mentee: Any
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def assigned(self) -> Suggestion | None:
        return next((s for s in self.suggestions if s.assigned), None)


def run_results(
    *, run: MatchRun, confidential: bool = False
) -> tuple[list[MenteeResult], list[Any]]:
    """Each mentee's shortlist in ``run`` (by name), and the mentees the run left unmatched.

    Suggestions carry ``visible_preferences`` (see :func:`with_visible_preferences`).
    """
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    mentee_ids = list(run.summary.get("mentee_ids", []))
    unmatched_ids = set(run.summary.get("unmatched_mentee_ids", []))
    people = user_model.objects.in_bulk(mentee_ids)
    by_mentee: dict[int, MenteeResult] = {}
    for s in (
        Suggestion.objects.filter(run=run)
        .select_related("mentee", "mentor")
        .order_by("mentee_id", "position")
    ):
        by_mentee.setdefault(s.mentee_id, MenteeResult(mentee=s.mentee)).suggestions.append(s)
    for uid in mentee_ids:
        if uid not in by_mentee and uid in people:
            by_mentee[uid] = MenteeResult(mentee=people[uid])
    with_visible_preferences(
        [s for r in by_mentee.values() for s in r.suggestions],
        round=run.round,
        confidential=confidential,
    )
    results = sorted(by_mentee.values(), key=lambda r: r.mentee.display_name.lower())
    unmatched = sorted(
        (people[uid] for uid in unmatched_ids if uid in people),
        key=lambda u: u.display_name.lower(),
    )
    return results, unmatched


def round_page_runs(round: Round) -> dict[str, Any]:
    """The round page's "Matching runs" section: the ten latest runs."""
    return {"runs": list(round_runs(round=round)[:10])}
