"""``manage.py task_worker``: the database task worker, kept alive through database outages.

django-tasks-db's ``db_worker`` exits on the first ``OperationalError`` (the database went
away), and tasks queued after the database comes back then wait for ever.  This command runs
the same worker, with the same options, and when the database is unreachable it closes its
connections, waits (1 s, 2 s, 4 s … at most ``--max-backoff``) and starts again; a worker that
ran long enough counts as healthy again, so the next outage starts from 1 s.  Stopping it
(SIGTERM, Ctrl-C) works as for ``db_worker``.  systemd's ``Restart=always`` in
``deploy/systemd/`` is the second line of defence.
"""

from __future__ import annotations

import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger("mentormatch.worker")

# A worker that ran this long since its last outage has recovered: back-off starts again.
HEALTHY_AFTER_SECONDS = 60.0


class Backoff:
    """Waits that double from ``first`` up to ``cap`` seconds; ``reset`` starts over."""

    def __init__(self, *, first: float = 1.0, cap: float = 30.0) -> None:
        self.first = first
        self.cap = cap
        self.current = first

    def next(self) -> float:
        delay = self.current
        self.current = min(self.cap, self.current * 2)
        return delay

    def reset(self) -> None:
        self.current = self.first


class Command(DbWorkerCommand):
    help = (
        "Run the database task worker; when the database goes away, wait and reconnect "
        "instead of exiting."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--max-backoff",
            type=float,
            default=30.0,
            help="The longest wait, in seconds, between two reconnection attempts (30).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backoff = Backoff(cap=max(1.0, float(options.pop("max_backoff"))))
        while True:
            started = time.monotonic()
            try:
                super().handle(*args, **options)
                return
            except (OperationalError, InterfaceError) as exc:
                if time.monotonic() - started > HEALTHY_AFTER_SECONDS:
                    backoff.reset()
                delay = backoff.next()
                logger.warning(
                    "The database is unavailable (%s); the task worker retries in %.0f s.",
                    str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
                    delay,
                )
                connections.close_all()
                time.sleep(delay)
