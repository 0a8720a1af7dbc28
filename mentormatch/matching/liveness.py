"""Whether a matching run is still alive: its heartbeat, dead runs, and cancelling a run.

While a run executes, a heartbeat thread stamps ``heartbeat_at`` every ``HEARTBEAT_SECONDS``
(the engine's progress writes stamp it too).  A running run whose heartbeat is older than
``DEAD_AFTER`` lost its worker (killed, machine restarted): :func:`match_runs_mark_dead`
marks it failed with the reason, so the coordinator sees it on the next look at the run (the
progress page polls every 2 s) and can start again at once.  A cancelled or dead run stops at
the engine's next progress report; its suggestions are never saved, so nothing half-written can
be published.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.rounds.exceptions import RoundError

HEARTBEAT_SECONDS = 15.0
DEAD_AFTER = timedelta(minutes=2)
# A queued run waits for a worker; with none running for this long it is given up.
QUEUED_TOO_LONG = timedelta(minutes=30)


class RunStopped(Exception):
    """The run was cancelled or marked dead while it executed: stop without saving."""


@contextmanager
def heartbeat(run_id: int, *, every: float = HEARTBEAT_SECONDS) -> Iterator[None]:
    """Stamp the run's heartbeat from a background thread while the body runs."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(every):
                MatchRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"match-run-{run_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


def match_runs_mark_dead(*, round_id: int | None = None, now: Any = None) -> int:
    """Mark failed every running run (of the round, if given) whose worker stopped, and every
    queued run that no worker took up; returns how many."""
    now = now or timezone.now()
    runs = (
        MatchRun.objects.all() if round_id is None else MatchRun.objects.filter(round_id=round_id)
    )
    # The progress page polls this every 2 s: one read, and a write only when a run is dead
    # (on SQLite even an UPDATE that changes nothing waits for the write lock).
    if not runs.filter(
        Q(status=RunStatus.RUNNING, heartbeat_at__lt=now - DEAD_AFTER)
        | Q(status=RunStatus.QUEUED, created_at__lt=now - QUEUED_TOO_LONG)
    ).exists():
        return 0
    dead = runs.filter(status=RunStatus.RUNNING, heartbeat_at__lt=now - DEAD_AFTER).update(
        status=RunStatus.FAILED,
        finished_at=now,
        step="Stopped",
        error=(
            "The task worker stopped while this run was in progress (no sign of life for "
            f"{int(DEAD_AFTER.total_seconds() // 60)} minutes). Nothing from it was saved or "
            "published: start the run again."
        ),
    )
    never_started = runs.filter(
        status=RunStatus.QUEUED, created_at__lt=now - QUEUED_TOO_LONG
    ).update(
        status=RunStatus.FAILED,
        finished_at=now,
        step="Stopped",
        error=(
            f"No task worker took this run up in {int(QUEUED_TOO_LONG.total_seconds() // 60)} "
            "minutes (is the worker running?). Start the run again once it is."
        ),
    )
    return dead + never_started


def match_run_cancel(*, run: MatchRun, actor: Any) -> MatchRun:
    """Cancel a queued or running run; a running one stops at the engine's next step."""
    with transaction.atomic():
        cancelled = MatchRun.objects.filter(
            pk=run.pk, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
        ).update(
            status=RunStatus.CANCELLED,
            finished_at=timezone.now(),
            step="Cancelled",
            error="",
        )
        if not cancelled:
            raise RoundError("This run has already finished; there is nothing to cancel.")
        audit_record(
            actor=actor,
            action="match_run.cancel",
            obj=run,
            round_id=run.round_id,
            summary=f"Cancelled matching run {run.pk}",
        )
    run.refresh_from_db()
    return run
