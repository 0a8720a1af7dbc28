"""Starting a matching run: check the round can be matched, record the run, queue its task.

A run whose worker died is marked failed first (:mod:`.liveness`), so it never blocks a new one.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.matching.liveness import match_runs_mark_dead
from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.matching.tasks import run_matching
from mentormatch.questionnaire.selectors import mentor_capacities, submitted_answers
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import Round, RoundStatus

log = logging.getLogger(__name__)


def _active_run(round: Round) -> MatchRun | None:
    return (
        MatchRun.objects.filter(round=round, status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
        .order_by("-created_at")
        .first()
    )


def match_run_start(*, round: Round, actor: Any) -> MatchRun:
    """Check the round can be matched, record a queued run and hand it to the task queue."""
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status == RoundStatus.DRAFT:
            raise RoundError("Open the round before running matching: nobody has answered yet.")
        match_runs_mark_dead(round_id=round.pk)
        if _active_run(round) is not None:
            raise RoundError(
                "A matching run for this round is already in progress: wait for it, or cancel it."
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
