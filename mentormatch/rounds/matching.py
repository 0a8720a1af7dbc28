"""Matching runs: start one (a background task), execute it through the engine, publish it.

``match_run_start`` checks the round can be matched and queues
:func:`mentormatch.rounds.tasks.run_matching`, which calls :func:`match_run_execute`: it builds
the engine's inputs (:mod:`.engine_adapter`), calls ``mentormatch_engine.match`` with a
progress callback that writes the run's progress (throttled), and stores each mentee's
shortlist as :class:`~mentormatch.rounds.models.Suggestion` rows.  ``match_run_publish`` makes a
finished run the round's results and e-mails every participant through the outbox.
"""

from __future__ import annotations

import logging
import math
import numbers
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import MatchRun, Round, RoundStatus, RunStatus, Suggestion
from mentormatch.rounds.selectors import with_visible_preferences

log = logging.getLogger(__name__)

# A queued or running run with no sign of life for this long is treated as abandoned.
STALE_AFTER = timedelta(minutes=30)
PROGRESS_EVERY_SECONDS = 0.5

# Engine steps -> (label shown to coordinators, start, end of its band in overall progress).
STEPS: dict[str, tuple[str, float, float]] = {
    "candidates": ("Scoring every allowed pair", 0.45, 0.65),
    "assignment": ("Finding the best assignment", 0.65, 0.80),
    "shortlists": ("Building shortlists", 0.80, 0.95),
}
AFFINITY_STEP = ("Comparing research profiles", 0.05, 0.45)


# --- Starting -------------------------------------------------------------------------------


def _active_run(round: Round) -> MatchRun | None:
    return (
        MatchRun.objects.filter(round=round, status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
        .order_by("-created_at")
        .first()
    )


def _is_stale(run: MatchRun, now: Any) -> bool:
    last = run.heartbeat_at or run.started_at or run.created_at
    return bool(last and now - last > STALE_AFTER)


def match_run_start(*, round: Round, actor: Any) -> MatchRun:
    """Check the round can be matched, record a queued run and hand it to the task queue."""
    from mentormatch.questionnaire.selectors import mentor_capacities, submitted_answers

    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status == RoundStatus.DRAFT:
            raise RoundError("Open the round before running matching: nobody has answered yet.")
        now = timezone.now()
        active = _active_run(round)
        if active is not None:
            if not _is_stale(active, now):
                raise RoundError("A matching run for this round is already in progress.")
            MatchRun.objects.filter(pk=active.pk).update(
                status=RunStatus.FAILED,
                finished_at=now,
                error=(
                    "Abandoned: the run showed no progress for 30 minutes "
                    "(was a task worker running?)."
                ),
            )
        if not submitted_answers(round=round, role="mentee"):
            raise RoundError(
                "No mentee has submitted a questionnaire yet: there is nobody to match."
            )
        mentors = submitted_answers(round=round, role="mentor")
        capacities = mentor_capacities(round=round)
        if not any(capacities.get(uid, 0) > 0 for uid in mentors):
            raise RoundError(
                "No mentor with room for a mentee has submitted a questionnaire yet: "
                "there is nobody to match with."
            )
        run = MatchRun.objects.create(
            round=round,
            requested_by=actor if getattr(actor, "pk", None) else None,
            step="Waiting for a worker to start",
        )
        audit_record(
            actor=actor,
            action="match_run.start",
            obj=run,
            round_id=round.pk,
            summary=f"Started matching run {run.pk} for {round.name}",
        )
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from mentormatch.rounds.tasks import run_matching

    try:
        run_matching.enqueue(run_id)
    except Exception:
        log.exception("Could not queue matching run %s", run_id)
        MatchRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            step="Stopped",
            error="The task queue could not be reached, so matching did not start. Try again.",
        )


# --- Executing ------------------------------------------------------------------------------


class _ProgressWriter:
    """The engine's ``progress(step, fraction)`` callback: maps and throttles database writes."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.last_write = 0.0
        self.last_label = ""
        self.value = 0.0

    def __call__(self, step: str, fraction: float) -> None:
        label, start, end = STEPS.get(step, AFFINITY_STEP)
        fraction = min(1.0, max(0.0, float(fraction))) if math.isfinite(fraction) else 0.0
        self.value = max(self.value, start + (end - start) * fraction)
        now = time.monotonic()
        if label == self.last_label and now - self.last_write < PROGRESS_EVERY_SECONDS:
            return
        self.write(label)

    def write(self, label: str, value: float | None = None) -> None:
        if value is not None:
            self.value = max(self.value, value)
        self.last_write = time.monotonic()
        self.last_label = label
        MatchRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
            progress=round(self.value, 4), step=label, heartbeat_at=timezone.now()
        )


def _jsonable(value: Any) -> Any:
    """Engine output (NumPy numbers, tuples, mappings) as plain JSON values."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # a NumPy scalar
        value = value.item()
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    return str(value)


def match_run_execute(run_id: int) -> dict[str, Any]:
    """Run the engine for a queued run and store its results; never raises for engine errors."""
    now = timezone.now()
    started = MatchRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        progress=0.0,
        step="Reading questionnaires and profiles",
    )
    if not started:
        # Already run (a task delivered twice) or not found: do nothing.
        status = MatchRun.objects.filter(pk=run_id).values_list("status", flat=True).first()
        return {"run": run_id, "status": status or "missing"}
    run = MatchRun.objects.select_related("round").get(pk=run_id)
    writer = _ProgressWriter(run_id)
    try:
        _execute(run, writer)
    except Exception as exc:
        log.exception("Matching run %s failed", run_id)
        MatchRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            step="Stopped",
            error=_readable_error(exc),
        )
        return {"run": run_id, "status": RunStatus.FAILED}
    return {"run": run_id, "status": RunStatus.SUCCEEDED}


def _readable_error(exc: Exception) -> str:
    if isinstance(exc, RoundError):
        return exc.message
    if isinstance(exc, ValueError) and str(exc):
        return f"The matching engine could not use this round's data: {exc}"
    return (
        f"Matching stopped because of an unexpected error ({type(exc).__name__}). "
        "The details are in the server log; try again, or ask an administrator."
    )


def max_possible_score(config: Any) -> float:
    """The score of a perfect pair: full affinity and every weighted preference met."""
    weighted = sum(c.weight for c in config.criteria if c.role == "weighted")
    return float(config.affinity_weight + weighted)


def _execute(run: MatchRun, writer: _ProgressWriter) -> None:
    import mentormatch_engine
    from mentormatch.rounds.engine_adapter import engine_inputs

    inputs = engine_inputs(run.round)
    if not inputs.mentees:
        raise RoundError("No mentee has a submitted questionnaire any more: nobody to match.")
    if not inputs.mentors:
        raise RoundError("No mentor with room has a submitted questionnaire any more.")
    writer.write("Comparing research profiles", 0.05)
    result = mentormatch_engine.match(
        inputs.mentees,
        inputs.mentors,
        inputs.config,
        progress=writer,
        cache_dir=settings.MENTORMATCH["ENGINE_CACHE_DIR"],
    )
    writer.write("Saving shortlists", 0.95)
    suggestions = [
        Suggestion(
            run=run,
            mentee_id=int(mentee_id),
            mentor_id=int(entry.mentor_id),
            position=entry.rank,
            score=float(entry.score),
            assigned=bool(entry.assigned),
            parts=_jsonable(entry.parts),
            shared_topics=[[t.term, float(t.weight)] for t in entry.shared_topics],
            preferences_met=list(entry.preferences_met),
        )
        for mentee_id, entries in result.shortlists.items()
        for entry in entries
    ]
    summary = _jsonable(result.summary)
    summary.update(
        {
            "mentee_ids": [int(p.record.id) for p in inputs.mentees],
            "mentor_ids": [int(p.record.id) for p in inputs.mentors],
            "unmatched_mentee_ids": sorted(
                int(mid) for mid, mentor in result.assignment.items() if mentor is None
            ),
            "mentors_without_room": inputs.skipped.get("mentors_without_room", []),
            "blocking_pairs": len(result.blocking_pairs),
            "max_score": max_possible_score(inputs.config),
        }
    )
    with transaction.atomic():
        Suggestion.objects.bulk_create(suggestions)
        MatchRun.objects.filter(pk=run.pk).update(
            status=RunStatus.SUCCEEDED,
            progress=1.0,
            step="Finished",
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
            scorer=str(summary.get("affinity_method", ""))[:100],
            certificate=_jsonable(asdict(result.certificate)),
            summary=summary,
            error="",
        )


# --- Publishing -----------------------------------------------------------------------------


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


def _mentees_with_a_choice(round: Round) -> set[int]:
    """Mentees who already asked a mentor (pending or accepted) or were matched in the round."""
    from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RequestStatus

    asked = MentorshipRequest.objects.filter(
        round=round, status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED]
    ).values_list("mentee_id", flat=True)
    matched = Mentorship.objects.filter(round=round).values_list("mentee_id", flat=True)
    return set(asked) | set(matched)


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
    kept = _mentees_with_a_choice(round)
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
