"""Matching runs through the real engine: start, execute (inline in tests), publish."""

from __future__ import annotations

from typing import Any

import pytest

from mentormatch.audit.models import AuditEvent
from mentormatch.matching.engine_adapter import engine_config
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.services import match_run_start
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import RoundStatus
from tests.factories import join, make_round, make_user, submit
from tests.scenarios import ready_round

pytestmark = pytest.mark.django_db


def test_a_run_gives_each_mentee_a_ranked_shortlist_with_scores_and_reasons(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, mentees, mentors = ready_round(mentees=3, mentors=2)

    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.progress == 1.0
    assert run.certificate["matched"] == 3
    assert run.summary["unmatched_mentee_ids"] == []
    for mentee in mentees:
        shortlist = list(Suggestion.objects.filter(run=run, mentee=mentee).order_by("position"))
        assert [s.position for s in shortlist] == [1, 2]  # two mentors: a shortlist of two
        assert {s.mentor for s in shortlist} == set(mentors)
        assert shortlist[0].score >= shortlist[1].score
        assert sum(s.assigned for s in shortlist) == 1
        assert "Mentoring areas" in shortlist[0].preferences_met
        assert "affinity" in shortlist[0].parts
    assert AuditEvent.objects.filter(action="match_run.start", round_id=round.pk).exists()


def test_shared_research_topics_are_given_as_reasons(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, mentees, mentors = ready_round(mentees=1, mentors=2)

    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)

    best = Suggestion.objects.get(run=run, mentee=mentees[0], position=1)
    assert best.mentor == mentors[0]  # both work on heart failure trials
    terms = " ".join(term for term, _weight in best.shared_topics)
    assert "heart" in terms or "failur" in terms or "trial" in terms


def test_only_submitted_questionnaires_and_mentors_with_room_take_part(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, mentees, mentors = ready_round(mentees=2, mentors=1)
    drafting = make_user("Drafty", mentee=True)
    join(round, drafting, "mentee")
    full = make_user("Full", mentor=True, rank="Professor")
    join(round, full, "mentor")
    submit(round, full, "mentor", {"capacity": 0})

    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)

    run.refresh_from_db()
    assert sorted(run.summary["mentee_ids"]) == sorted(m.pk for m in mentees)
    assert run.summary["mentor_ids"] == [mentors[0].pk]
    assert run.summary["mentors_without_room"] == [full.pk]
    assert not Suggestion.objects.filter(run=run, mentor=full).exists()


def test_a_person_who_is_both_mentee_and_mentor_is_never_matched_with_themself(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, _mentees, _mentors = ready_round(mentees=1, mentors=1)
    both = make_user("Both", mentee=True, mentor=True, rank="Associate Professor")
    join(round, both, "mentee")
    submit(round, both, "mentee")
    join(round, both, "mentor", capacity=3)
    submit(round, both, "mentor", {"capacity": 3})

    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert Suggestion.objects.filter(run=run, mentee=both).exists()
    assert not Suggestion.objects.filter(run=run, mentee=both, mentor=both).exists()


def test_matching_a_round_with_no_submitted_mentee_is_refused_with_a_reason(
    coordinator: Any,
) -> None:
    round = make_round()
    mentor = make_user("Mo", mentor=True)
    join(round, mentor, "mentor")
    submit(round, mentor, "mentor")

    with pytest.raises(RoundError, match="No mentee has submitted"):
        match_run_start(round=round, actor=coordinator)
    assert not MatchRun.objects.exists()


def test_matching_a_round_with_no_mentor_is_refused_with_a_reason(coordinator: Any) -> None:
    round = make_round()
    mentee = make_user("Mia", mentee=True)
    join(round, mentee, "mentee")
    submit(round, mentee, "mentee")

    with pytest.raises(RoundError, match="No mentor with room"):
        match_run_start(round=round, actor=coordinator)


def test_a_draft_round_cannot_be_matched(coordinator: Any) -> None:
    round = make_round(status=RoundStatus.DRAFT)

    with pytest.raises(RoundError, match="Open the round"):
        match_run_start(round=round, actor=coordinator)


def test_a_second_run_cannot_start_while_one_is_in_progress(coordinator: Any) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    match_run_start(round=round, actor=coordinator)  # queued: its task waits for commit

    with pytest.raises(RoundError, match="already in progress"):
        match_run_start(round=round, actor=coordinator)


def test_an_engine_failure_marks_the_run_failed_with_a_readable_error(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1, matching_settings={"mode": "best-ever"})

    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)

    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "best-ever" in run.error
    assert "Traceback" not in run.error
    assert run.finished_at is not None


def test_a_run_delivered_twice_to_workers_is_executed_once(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from mentormatch.matching.services import match_run_execute

    round, _, _ = ready_round(mentees=2, mentors=1)
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)
    count = Suggestion.objects.filter(run=run).count()

    again = match_run_execute(run.pk)

    assert again == {"run": run.pk, "status": RunStatus.SUCCEEDED}
    assert Suggestion.objects.filter(run=run).count() == count


def test_a_run_abandoned_by_its_worker_does_not_block_a_new_one(coordinator: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    round, _, _ = ready_round(mentees=1, mentors=1)
    stuck = MatchRun.objects.create(round=round, status=RunStatus.RUNNING)
    MatchRun.objects.filter(pk=stuck.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=2),
        created_at=timezone.now() - timedelta(hours=2),
    )

    fresh = match_run_start(round=round, actor=coordinator)

    stuck.refresh_from_db()
    assert stuck.status == RunStatus.FAILED
    assert "The task worker stopped" in stuck.error
    assert fresh.status == RunStatus.QUEUED


def test_engine_progress_is_written_to_the_run_and_never_goes_backwards() -> None:
    from mentormatch.matching.executing import _ProgressWriter

    round, _, _ = ready_round(mentees=1, mentors=1)
    run = MatchRun.objects.create(round=round, status=RunStatus.RUNNING)
    writer = _ProgressWriter(run.pk)

    writer("candidates", 0.5)
    run.refresh_from_db()
    assert run.step == "Scoring every allowed pair"
    assert run.progress == pytest.approx(0.55)
    assert run.heartbeat_at is not None

    writer("embedding", 0.1)  # a late affinity step: a new label, but no step back
    run.refresh_from_db()
    assert run.progress == pytest.approx(0.55)
    assert run.step == "Comparing research profiles"


def test_the_run_records_the_engines_maximum_score_for_the_scores_out_of_100(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, _, _ = ready_round(mentees=2, mentors=2)
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)

    run.refresh_from_db()
    weighted = sum(c.weight for c in engine_config(round).criteria if c.role == "weighted")
    assert run.summary["max_score"] == pytest.approx(
        engine_config(round).affinity_weight + weighted
    )
    best = Suggestion.objects.filter(run=run).order_by("-score").first()
    assert best is not None
    assert 0 < best.percent <= 100
