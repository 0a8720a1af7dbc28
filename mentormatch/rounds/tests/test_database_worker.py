"""A matching run through the default database task backend and its worker (as `make demo` runs)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from mentormatch.rounds.models import MatchRun, RunStatus
from mentormatch.rounds.tests.factories import ready_round

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_a_run_waits_for_the_worker_then_shows_its_results(
    coordinator_client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    round, mentees, _mentors = ready_round(mentees=2, mentors=1)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/rounds/{round.pk}/runs/start/")
    run = MatchRun.objects.get()
    progress_url = f"/rounds/{round.pk}/runs/{run.pk}/progress/"

    waiting = coordinator_client.get(progress_url).content.decode()
    assert run.status == RunStatus.QUEUED
    assert "Waiting for a worker to start" in waiting
    assert 'hx-trigger="every 2s"' in waiting

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    done = coordinator_client.get(progress_url).content.decode()
    assert "hx-get" not in done
    assert "Show the results" in done
    results = coordinator_client.get(f"/rounds/{round.pk}/runs/{run.pk}/").content.decode()
    assert all(m.display_name in results for m in mentees)
