"""A run whose worker died is detected and marked failed; a coordinator can cancel a run."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mentormatch.audit.models import AuditEvent
from mentormatch.matching import executing
from mentormatch.matching.liveness import heartbeat
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.services import match_run_execute, match_run_start
from tests.scenarios import ready_round


def _running_run(round: Any, *, silent_for: timedelta) -> MatchRun:
    run = MatchRun.objects.create(round=round, status=RunStatus.RUNNING, progress=0.45)
    MatchRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - silent_for, heartbeat_at=timezone.now() - silent_for
    )
    return run


def _progress_page(client: Any, run: MatchRun) -> str:
    url = reverse("matching:run_progress", kwargs={"round_id": run.round_id, "run_id": run.pk})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_run_whose_worker_died_shows_as_failed_on_the_next_poll_and_a_new_run_can_start(
    coordinator_client: Any,
) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    dead = _running_run(round, silent_for=timedelta(minutes=2, seconds=5))

    page = _progress_page(coordinator_client, dead)

    dead.refresh_from_db()
    assert dead.status == RunStatus.FAILED
    assert "The task worker stopped while this run was in progress" in page
    assert "hx-get" not in page  # the page stops polling
    started = coordinator_client.post(reverse("matching:run_start", kwargs={"round_id": round.pk}))
    assert started.status_code == 302
    assert MatchRun.objects.filter(round=round).count() == 2


@pytest.mark.django_db
def test_a_running_run_with_a_recent_heartbeat_is_left_running(coordinator_client: Any) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    alive = _running_run(round, silent_for=timedelta(seconds=90))

    page = _progress_page(coordinator_client, alive)

    alive.refresh_from_db()
    assert alive.status == RunStatus.RUNNING
    assert "hx-get" in page


@pytest.mark.django_db
def test_a_coordinator_cancels_a_queued_run_and_can_start_another_at_once(
    coordinator: Any, coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    with django_capture_on_commit_callbacks(execute=False):  # no worker takes it up
        run = match_run_start(round=round, actor=coordinator)
    detail = coordinator_client.get(
        reverse("matching:run", kwargs={"round_id": round.pk, "run_id": run.pk})
    ).content.decode()
    assert "Cancel this run" in detail

    response = coordinator_client.post(
        reverse("matching:run_cancel", kwargs={"round_id": round.pk, "run_id": run.pk}),
        follow=True,
    )

    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED
    assert "cancelled. Nothing from it will be published" in response.content.decode()
    assert AuditEvent.objects.filter(action="match_run.cancel", round_id=round.pk).exists()
    assert match_run_start(round=round, actor=coordinator).status == RunStatus.QUEUED
    # A second cancel of a finished run says so instead of failing.
    again = coordinator_client.post(
        reverse("matching:run_cancel", kwargs={"round_id": round.pk, "run_id": run.pk}),
        follow=True,
    )
    assert "nothing to cancel" in again.content.decode()


@pytest.mark.django_db
def test_a_run_cancelled_while_the_engine_works_stops_and_keeps_no_suggestions(
    coordinator: Any, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    round, _, _ = ready_round(mentees=2, mentors=1)
    with django_capture_on_commit_callbacks(execute=False):
        run = match_run_start(round=round, actor=coordinator)
    real_match = executing.mentormatch_engine.match

    def cancelled_midway(*args: Any, **kwargs: Any) -> Any:
        MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.CANCELLED)
        return real_match(*args, **kwargs)

    monkeypatch.setattr(executing.mentormatch_engine, "match", cancelled_midway)

    outcome = match_run_execute(run.pk)

    run.refresh_from_db()
    assert outcome == {"run": run.pk, "status": RunStatus.CANCELLED}
    assert run.status == RunStatus.CANCELLED
    assert not Suggestion.objects.filter(run=run).exists()


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_is_stamped_while_a_long_step_runs() -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    run = _running_run(round, silent_for=timedelta(minutes=1))
    before = MatchRun.objects.get(pk=run.pk).heartbeat_at

    with heartbeat(run.pk, every=0.05):
        time.sleep(0.5)  # an engine step that reports no progress

    after = MatchRun.objects.get(pk=run.pk).heartbeat_at
    assert before is not None and after is not None
    assert after - before > timedelta(seconds=55)
