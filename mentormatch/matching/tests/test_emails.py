"""``matching.emails``: the results e-mails reach each mentee and mentor with working links."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from mentormatch.matching.emails import send_results_to_mentee, send_results_to_mentor
from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.matching.selectors import published_shortlist
from mentormatch.matching.services import match_run_start
from mentormatch.notifications.testing import site_paths
from tests.scenarios import ready_round

pytestmark = pytest.mark.django_db

SITE = "https://mentoring.example.edu"


@pytest.fixture
def published(coordinator: Any, django_capture_on_commit_callbacks: Any) -> tuple:
    """A finished run marked published without sending its e-mails (the functions under test
    send them)."""
    round, mentees, mentors = ready_round(mentees=1, mentors=2)
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    MatchRun.objects.filter(pk=run.pk).update(is_published=True)
    round.results_published_at = timezone.now()
    round.save(update_fields=["results_published_at"])
    return round, run, mentees[0], mentors


def opened(user: Any, paths: list[str]) -> list[int]:
    client = Client()
    client.force_login(user)
    return [client.get(path).status_code for path in paths]


def test_the_mentee_gets_their_shortlist_with_a_working_link_to_ask_each_mentor(
    published: tuple, settings: Any
) -> None:
    settings.SITE_URL = SITE
    round, run, mentee, _mentors = published
    shortlist = published_shortlist(round=round, mentee=mentee)

    message = send_results_to_mentee(run=run, round=round, mentee=mentee, shortlist=shortlist)

    assert message is not None
    assert (message.kind, message.to_email, message.recipient) == (
        "round_results_mentee",
        mentee.email,
        mentee,
    )
    paths = site_paths(message.body_text, SITE)
    for view in shortlist:
        assert view.mentor.display_name in message.body_text
        assert f"/mentorships/round/{round.pk}/choose/{view.pk}/" in paths
    assert f"/mentorships/round/{round.pk}/shortlist/" in paths
    assert f"/mentorships/round/{round.pk}/pause/" in paths
    assert set(opened(mentee, paths)) == {200}
    assert send_results_to_mentee(run=run, round=round, mentee=mentee, shortlist=shortlist) is None


def test_a_mentee_without_suggestions_is_told_the_coordinators_will_contact_them(
    published: tuple,
) -> None:
    round, run, mentee, _mentors = published

    message = send_results_to_mentee(run=run, round=round, mentee=mentee, shortlist=[])

    assert message is not None
    assert "could not find a mentor" in message.body_text


def test_the_mentor_is_told_on_how_many_shortlists_they_are_and_where_requests_arrive(
    published: tuple, settings: Any
) -> None:
    settings.SITE_URL = SITE
    round, run, _mentee, mentors = published

    message = send_results_to_mentor(run=run, round=round, mentor=mentors[0], suggested_count=3)

    assert message is not None
    assert (message.kind, message.to_email, message.recipient) == (
        "round_results_mentor",
        mentors[0].email,
        mentors[0],
    )
    assert "shortlist of 3 mentees" in message.body_text
    (path,) = site_paths(message.body_text, SITE)
    assert opened(mentors[0], [path]) == [200]
