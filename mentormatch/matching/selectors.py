"""Reading matching runs and their shortlists, and what a viewer may see of a suggestion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.visibility import Visibility, label_of, suggestion_visibility
from mentormatch.rounds.models import Round


def round_runs(*, round: Round) -> QuerySet[MatchRun]:
    return MatchRun.objects.filter(round=round).select_related("requested_by")


def latest_run(*, round: Round) -> MatchRun | None:
    return round_runs(round=round).order_by("-created_at", "-id").first()


def published_run(*, round: Round) -> MatchRun | None:
    return MatchRun.objects.filter(round=round, is_published=True).first()


@dataclass(frozen=True)
class SuggestionView:
    """One line of a shortlist as a viewer may see it (see :mod:`matching.visibility`).

    Built only by :func:`suggestion_views`; pages, e-mails and downloads read these, never
    ``Suggestion.parts`` or ``Suggestion.preferences_met`` directly.
    """

    suggestion: Suggestion
    percent: int  # the score out of 100 (``Suggestion.percent``)
    shared_topics: tuple[str, ...]  # best first
    preferences_met: tuple[str, ...]  # labels the viewer may read
    parts: dict[str, float]  # {} when withheld from the viewer

    @property
    def pk(self) -> int:
        return self.suggestion.pk

    @property
    def mentor(self) -> Any:
        return self.suggestion.mentor

    @property
    def mentor_id(self) -> int:
        return self.suggestion.mentor_id

    @property
    def mentee_id(self) -> int:
        return self.suggestion.mentee_id

    @property
    def position(self) -> int:
        return self.suggestion.position

    @property
    def score(self) -> float:
        return self.suggestion.score

    @property
    def assigned(self) -> bool:
        return self.suggestion.assigned


def suggestion_view(suggestion: Suggestion, *, visibility: Visibility) -> SuggestionView:
    return SuggestionView(
        suggestion=suggestion,
        percent=suggestion.percent,
        shared_topics=tuple(
            t for t in (label_of(item) for item in suggestion.shared_topics or []) if t
        ),
        preferences_met=visibility.preferences(suggestion),
        parts=visibility.parts(suggestion),
    )


def suggestion_views(
    suggestions: Iterable[Suggestion], *, round: Round, confidential: bool = False
) -> list[SuggestionView]:
    """``suggestions`` (all of ``round``) as a viewer sees them; ``confidential`` is whether
    the viewer may see confidential answers (``accounts.access.can_view_confidential``)."""
    visibility = suggestion_visibility(round=round, may_see_confidential=confidential)
    return [suggestion_view(s, visibility=visibility) for s in suggestions]


def published_shortlist(*, round: Round, mentee: Any) -> list[SuggestionView]:
    """The mentee's shortlist in the round's published results, best first ([] if none), as
    the mentee may see it: nothing that rests on a mentor's confidential answer."""
    suggestions = (
        Suggestion.objects.filter(
            run__round=round,
            run__is_published=True,
            run__status=RunStatus.SUCCEEDED,
            mentee=mentee,
        )
        .select_related("run", "mentor", "mentor__profile")
        .order_by("position")
    )
    return suggestion_views(suggestions, round=round)


@dataclass
class MenteeResult:
    mentee: Any
    suggestions: list[SuggestionView] = field(default_factory=list)

    @property
    def assigned(self) -> SuggestionView | None:
        return next((s for s in self.suggestions if s.assigned), None)


def run_results(
    *, run: MatchRun, confidential: bool = False
) -> tuple[list[MenteeResult], list[Any]]:
    """Each mentee's shortlist in ``run`` (by name), and the mentees the run left unmatched.

    ``confidential``: the viewer may see confidential answers (see :func:`suggestion_views`).
    """
    mentee_ids = list(run.summary.get("mentee_ids", []))
    unmatched_ids = set(run.summary.get("unmatched_mentee_ids", []))
    people = get_user_model().objects.in_bulk(mentee_ids)
    suggestions = (
        Suggestion.objects.filter(run=run)
        .select_related("run", "mentee", "mentor")
        .order_by("mentee_id", "position")
    )
    by_mentee: dict[int, MenteeResult] = {}
    for view in suggestion_views(suggestions, round=run.round, confidential=confidential):
        result = by_mentee.setdefault(view.mentee_id, MenteeResult(mentee=view.suggestion.mentee))
        result.suggestions.append(view)
    for uid in mentee_ids:
        if uid not in by_mentee and uid in people:
            by_mentee[uid] = MenteeResult(mentee=people[uid])
    results = sorted(by_mentee.values(), key=lambda r: r.mentee.display_name.lower())
    unmatched = sorted(
        (people[uid] for uid in unmatched_ids if uid in people),
        key=lambda u: u.display_name.lower(),
    )
    return results, unmatched


def round_page_runs(round: Round, shared: dict[str, Any]) -> dict[str, Any]:
    """The round page's "Matching runs" section: the ten latest runs."""
    return {"runs": list(round_runs(round=round)[:10])}
