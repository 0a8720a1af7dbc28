"""A matching run through the default database task backend and its worker (as `make demo` runs)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from mentormatch.matching.models import MatchRun, RunStatus
from tests.factories import make_user
from tests.scenarios import ready_round

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


# Committed data: the worker closes and reopens database connections, as a real one does.
@pytest.mark.django_db(transaction=True)
def test_a_run_waits_for_the_worker_then_shows_its_results(
    coordinator_client: Any, settings: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    round, mentees, _mentors = ready_round(mentees=2, mentors=1)
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


def test_when_the_task_queue_cannot_be_reached_the_run_says_so_and_mail_waits(
    coordinator_client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from mentormatch.notifications.models import OutboxMessage, OutboxStatus

    # Nothing listens on port 1: every enqueue fails.
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    round, _, _ = ready_round(mentees=1, mentors=1)
    make_user("Newcomer", mentee=True)

    with django_capture_on_commit_callbacks(execute=True):
        started = coordinator_client.post(f"/rounds/{round.pk}/runs/start/")
    with django_capture_on_commit_callbacks(execute=True):
        invited = coordinator_client.post(f"/rounds/{round.pk}/invite/", follow=True)

    run = MatchRun.objects.get()
    assert run.status == RunStatus.FAILED
    page = coordinator_client.get(started["Location"]).content.decode()
    assert "task queue could not be reached" in page
    assert invited.status_code == 200
    assert OutboxMessage.objects.get().status == OutboxStatus.PENDING
