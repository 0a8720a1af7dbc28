"""Background work for matching: thin wrappers around the matching services."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from mentormatch.matching.executing import match_run_execute


@task()
def run_matching(run_id: int) -> dict[str, Any]:
    """Execute one queued matching run (see :func:`match_run_execute`)."""
    return match_run_execute(run_id)
