"""Models that moved between apps keep their rows: a database made before the move migrates on.

MatchRun and Suggestion moved from rounds to matching, InfoPage from core to home; their
migrations change Django's state only, so the tables (and every row in them) stay as they were.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [
    ("rounds", "0002_run_heartbeat"),
    ("mentorships", "0002_round_pause"),
    ("core", "0002_default_info_pages"),
    ("accounts", "0003_signin_failure"),
]


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_runs_suggestions_requests_and_pages_made_before_the_move_are_there_after_it() -> None:
    latest = _latest()
    # Later migrations of the apps the models moved into go first (one direction per plan).
    _migrate([("matching", "0001_initial"), ("home", "0001_initial")])
    old = _migrate(BEFORE_THE_MOVE)
    user_model = old.get_model("accounts", "User")
    mentee = user_model.objects.create(username="mia", email="mia@example.edu")
    mentor = user_model.objects.create(username="otto", email="otto@example.edu")
    round_ = old.get_model("rounds", "Round").objects.create(
        name="Spring", opens_on=dt.date(2027, 3, 1), closes_on=dt.date(2027, 3, 31)
    )
    run = old.get_model("rounds", "MatchRun").objects.create(
        round=round_, status="succeeded", summary={"max_score": 2.0}
    )
    suggestion = old.get_model("rounds", "Suggestion").objects.create(
        run=run, mentee=mentee, mentor=mentor, position=1, score=1.5
    )
    old.get_model("mentorships", "MentorshipRequest").objects.create(
        round=round_,
        mentee=mentee,
        mentor=mentor,
        suggestion=suggestion,
        expires_at=dt.datetime(2027, 3, 8, tzinfo=dt.UTC),
    )
    old.get_model("core", "InfoPage").objects.create(
        slug="test-page-before-the-move", title="A page made before the move", body="Kept."
    )
    pages_before = old.get_model("core", "InfoPage").objects.count()

    new = _migrate(latest)

    moved_run = new.get_model("matching", "MatchRun").objects.get()
    assert (moved_run.pk, moved_run.round_id, moved_run.summary) == (
        run.pk,
        round_.pk,
        {"max_score": 2.0},
    )
    moved = new.get_model("matching", "Suggestion").objects.get()
    assert (moved.pk, moved.run_id, moved.mentor_id, moved.score) == (
        suggestion.pk,
        run.pk,
        mentor.pk,
        1.5,
    )
    request = new.get_model("mentorships", "MentorshipRequest").objects.get()
    assert request.suggestion_id == suggestion.pk
    pages = new.get_model("home", "InfoPage").objects
    assert pages.count() == pages_before
    assert pages.get(slug="test-page-before-the-move").title == "A page made before the move"
