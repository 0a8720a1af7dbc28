"""Executing a queued matching run: engine inputs, the engine, progress, stored shortlists.

:func:`match_run_execute` (called by the ``run_matching`` task) builds the engine's inputs
(:mod:`.engine_adapter`), calls ``mentormatch_engine.match`` with a progress callback that
writes the run's progress (throttled), and stores each mentee's shortlist as
:class:`~mentormatch.matching.models.Suggestion` rows in one transaction.
"""

from __future__ import annotations

import logging
import math
import numbers
import time
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

import mentormatch_engine
from mentormatch.matching.engine_adapter import engine_inputs
from mentormatch.matching.liveness import RunStopped, heartbeat
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.rounds.exceptions import RoundError

log = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 0.5

# Engine steps -> (label shown to coordinators, start, end of its band in overall progress).
STEPS: dict[str, tuple[str, float, float]] = {
    "candidates": ("Scoring every allowed pair", 0.45, 0.65),
    "assignment": ("Finding the best assignment", 0.65, 0.80),
    "shortlists": ("Building shortlists", 0.80, 0.95),
}
AFFINITY_STEP = ("Comparing research profiles", 0.05, 0.45)


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
        alive = MatchRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
            progress=round(self.value, 4), step=label, heartbeat_at=timezone.now()
        )
        if not alive:
            raise RunStopped(f"run {self.run_id} was cancelled or marked dead")


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
        with heartbeat(run_id):
            _execute(run, writer)
    except RunStopped:
        log.info("Matching run %s stopped: it was cancelled or its worker was given up", run_id)
        status = MatchRun.objects.filter(pk=run_id).values_list("status", flat=True).first()
        return {"run": run_id, "status": status or "missing"}
    except Exception as exc:
        log.exception("Matching run %s failed", run_id)
        MatchRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
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


def _execute(run: MatchRun, writer: _ProgressWriter) -> None:
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
            "max_score": float(result.max_score),
        }
    )
    with transaction.atomic():
        # Only a run that is still running may finish: a cancelled or given-up run keeps no
        # suggestions, so nothing half-done can ever be published.
        finished = MatchRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
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
        if not finished:
            raise RunStopped(f"run {run.pk} was cancelled or marked dead before it was saved")
        Suggestion.objects.bulk_create(suggestions)
