"""Publishing a finished run: it becomes the round's results and every participant is told."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.matching import emails
from mentormatch.matching.hooks import settled_mentees
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.selectors import SuggestionView, suggestion_views
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import Round


@dataclass(frozen=True)
class PublishResult:
    mentees_emailed: int
    mentors_emailed: int
    mentees_kept_choice: int  # already requested or matched: no new shortlist e-mail
    replaced_run_id: int | None


def match_run_publish(*, run: MatchRun, actor: Any) -> PublishResult:
    """Make ``run`` the round's published results and e-mail every participant.

    One run per round is published; publishing a newer run replaces the older one.  Mentees
    who already asked a mentor or were matched keep their choice (their request still points
    at the older run's suggestion) and get no new shortlist e-mail.
    """
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=run.round_id)
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.SUCCEEDED:
            raise RoundError("Only a finished matching run can be published.")
        if run.is_published:
            raise RoundError("These results are already published.")
        previous = MatchRun.objects.filter(round=round, is_published=True).first()
        if previous is not None and previous.created_at > run.created_at:
            raise RoundError(
                "A newer run is already published; publish a run at least as recent as it."
            )
        MatchRun.objects.filter(round=round, is_published=True).update(is_published=False)
        run.is_published = True
        run.save(update_fields=["is_published"])
        round.results_published_at = timezone.now()
        round.save(update_fields=["results_published_at"])
        result = replace(
            _queue_results(run, round), replaced_run_id=previous.pk if previous else None
        )
        audit_record(
            actor=actor,
            action="match_run.publish",
            obj=run,
            round_id=round.pk,
            summary=(
                f"Published run {run.pk} of {round.name}"
                + (f" (replacing run {previous.pk})" if previous else "")
            ),
            details=asdict(result),
        )
    return result


def _queue_results(run: MatchRun, round: Round) -> PublishResult:
    mentee_ids = list(run.summary.get("mentee_ids", []))
    mentor_ids = list(run.summary.get("mentor_ids", []))
    suggestions = (
        Suggestion.objects.filter(run=run)
        .select_related("mentor", "run")
        .order_by("mentee", "position")
    )
    by_mentee: dict[int, list[SuggestionView]] = {}
    per_mentor: Counter[int] = Counter()
    # As the mentee may see them: never a mentor's confidential answer.
    for view in suggestion_views(suggestions, round=round):
        by_mentee.setdefault(view.mentee_id, []).append(view)
        per_mentor[view.mentor_id] += 1
    kept = settled_mentees(round)
    people = get_user_model().objects.in_bulk(set(mentee_ids) | set(mentor_ids))
    mentees_emailed = mentors_emailed = 0
    for uid in mentee_ids:
        if uid in kept or uid not in people:
            continue
        queued = emails.send_results_to_mentee(
            run=run, round=round, mentee=people[uid], shortlist=by_mentee.get(uid, [])
        )
        mentees_emailed += queued is not None
    for uid in mentor_ids:
        if uid not in people:
            continue
        queued = emails.send_results_to_mentor(
            run=run, round=round, mentor=people[uid], suggested_count=per_mentor[uid]
        )
        mentors_emailed += queued is not None
    return PublishResult(
        mentees_emailed=mentees_emailed,
        mentors_emailed=mentors_emailed,
        mentees_kept_choice=len(kept & set(mentee_ids)),
        replaced_run_id=None,
    )
