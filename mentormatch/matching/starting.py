"""Starting a matching run: check the round can be matched, record the run, queue its task.

A queued or running run with no sign of life for ``STALE_AFTER`` is treated as abandoned when
the next run is started.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.matching.tasks import run_matching
from mentormatch.questionnaire.selectors import mentor_capacities, submitted_answers
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import Round, RoundStatus

log = logging.getLogger(__name__)

# A queued or running run with no sign of life for this long is treated as abandoned.
STALE_AFTER = timedelta(minutes=30)


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
