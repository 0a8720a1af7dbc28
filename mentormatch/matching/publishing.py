"""Publishing a finished run: it becomes the round's results and every participant is told."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.matching.hooks import settled_mentees
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.selectors import with_visible_preferences
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import Round


@dataclass(frozen=True)
class PublishResult:
    mentees_emailed: int
    mentors_emailed: int
    mentees_kept_choice: int  # already requested or matched: no new shortlist e-mail
    replaced_run_id: int | None


def _shortlist_link(round: Round) -> str:
    try:
        path = reverse("mentorships:shortlist", kwargs={"round_id": round.pk})
    except NoReverseMatch:
        path = f"/mentorships/round/{round.pk}/shortlist/"
    return f"{settings.SITE_URL}{path}"


def _choose_link(suggestion: Suggestion) -> str:
    """One click (behind sign-in) to the page that confirms this choice."""
    path = reverse(
        "mentorships:choose",
        kwargs={"round_id": suggestion.run.round_id, "suggestion_id": suggestion.pk},
    )
    return f"{settings.SITE_URL}{path}"


def _pause_link(round: Round) -> str:
    return f"{settings.SITE_URL}{reverse('mentorships:pause', kwargs={'round_id': round.pk})}"


def _requests_link() -> str:
    try:
        path = reverse("mentorships:incoming")
    except NoReverseMatch:
        path = "/mentorships/requests/"
    return f"{settings.SITE_URL}{path}"


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
    User = get_user_model()
    mentee_ids = list(run.summary.get("mentee_ids", []))
    mentor_ids = list(run.summary.get("mentor_ids", []))
    suggestions = list(
        Suggestion.objects.filter(run=run)
        .select_related("mentor", "run")
        .order_by("mentee", "position")
    )
    by_mentee: dict[int, list[Suggestion]] = {}
    per_mentor: dict[int, int] = {}
    for s in suggestions:
        by_mentee.setdefault(s.mentee_id, []).append(s)
        per_mentor[s.mentor_id] = per_mentor.get(s.mentor_id, 0) + 1
    with_visible_preferences(suggestions, round=round)  # never a mentor's confidential answer
    kept = settled_mentees(round)
    people = User.objects.in_bulk(set(mentee_ids) | set(mentor_ids))
    mentees_emailed = mentors_emailed = 0
    shortlist_link = _shortlist_link(round)
    for uid in mentee_ids:
        user = people.get(uid)
        if user is None or not user.email or uid in kept:
            continue
        shortlist = by_mentee.get(uid, [])
        for s in shortlist:
            s.topic_terms = [t[0] for t in s.shared_topics][:5]  # type: ignore[attr-defined]
            s.choose_link = _choose_link(s)  # type: ignore[attr-defined]
        queued = outbox_enqueue(
            dedupe_key=f"run-{run.pk}-results-mentee-{uid}",
            template="round_results_mentee",
            to_email=user.email,
            recipient=user,
            context={
                "user": user,
                "round": round,
                "shortlist": shortlist,
                "link": shortlist_link,
                "pause_link": _pause_link(round),
            },
        )
        mentees_emailed += queued is not None
    for uid in mentor_ids:
        user = people.get(uid)
        if user is None or not user.email:
            continue
        queued = outbox_enqueue(
            dedupe_key=f"run-{run.pk}-results-mentor-{uid}",
            template="round_results_mentor",
            to_email=user.email,
            recipient=user,
            context={
                "user": user,
                "round": round,
                "suggested_count": per_mentor.get(uid, 0),
                "link": _requests_link(),
            },
        )
        mentors_emailed += queued is not None
    return PublishResult(
        mentees_emailed=mentees_emailed,
        mentors_emailed=mentors_emailed,
        mentees_kept_choice=len(kept & set(mentee_ids)),
        replaced_run_id=None,
    )
