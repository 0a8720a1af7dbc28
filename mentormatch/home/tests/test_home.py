"""The home page tells each person where they stand in the round and what to do next."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from mentormatch.mentorships.models import RequestStatus, RoundPause
from tests.factories import (
    join,
    make_mentorship,
    make_request,
    make_round,
    make_user,
    publish_run,
    submit,
)

pytestmark = pytest.mark.django_db


def _current_step(html: str) -> str:
    found = re.search(
        r'aria-current="step">\s*<span class="step-state">[^<]*<span[^>]*>:</span></span>'
        r'\s*<span class="step-label">([^<]+)',
        html,
    )
    assert found, "no step is marked as the current one"
    return found.group(1)


def _signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_mentee_with_an_incomplete_profile_is_asked_to_complete_it_first() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True, profile=False)
    join(round_, mentee, "mentee")

    html = _signed_in(mentee).get("/").content.decode()

    assert "Spring 2027" in html
    assert "Your research profile is not complete yet" in html
    assert _current_step(html) == "Complete your research profile"
    assert html.count('aria-current="step"') == 1


def test_a_mentee_with_a_profile_is_asked_for_the_questionnaire() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    join(round_, mentee, "mentee")

    html = _signed_in(mentee).get("/").content.decode()

    assert _current_step(html) == "Answer the questionnaire"
    assert "answer this round&#x27;s questionnaire" in html


def test_a_mentee_who_has_answered_waits_for_the_shortlist() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    join(round_, mentee, "mentee")
    submit(round_, mentee, "mentee")

    html = _signed_in(mentee).get("/").content.decode()

    assert "You are all set" in html
    assert _current_step(html) == "Read your shortlist of suggested mentors"


def test_a_mentee_with_a_published_shortlist_is_asked_to_choose() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    mentor = make_user("Bruno", last_name="Costa", mentor=True)
    join(round_, mentee, "mentee")
    submit(round_, mentee, "mentee")
    publish_run(round_, {mentee: [(mentor, 0.8)]})

    html = _signed_in(mentee).get("/").content.decode()

    assert "Your shortlist is ready" in html
    assert _current_step(html) == "Ask the mentor you choose"


def test_a_declined_mentee_is_told_to_choose_another_mentor() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    mentor = make_user("Bruno", last_name="Costa", mentor=True)
    join(round_, mentee, "mentee")
    submit(round_, mentee, "mentee")
    publish_run(round_, {mentee: [(mentor, 0.8)]})
    make_request(round_, mentee, mentor, RequestStatus.DECLINED)

    html = _signed_in(mentee).get("/").content.decode()

    assert "Bruno Costa could not take you on this time" in html
    assert _current_step(html) == "Ask the mentor you choose"


def test_a_matched_mentee_sees_every_step_done_and_their_mentor() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    mentor = make_user("Bruno", last_name="Costa", mentor=True)
    join(round_, mentee, "mentee")
    submit(round_, mentee, "mentee")
    publish_run(round_, {mentee: [(mentor, 0.8)]})
    make_mentorship(round_, mentee, mentor)

    html = _signed_in(mentee).get("/").content.decode()

    assert "You are matched with Bruno Costa" in html
    assert 'aria-current="step"' not in html
    assert html.count("step-done") == 5


def test_a_mentor_with_a_waiting_request_is_asked_to_answer_it() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    mentor = make_user("Bruno", last_name="Costa", mentor=True)
    join(round_, mentor, "mentor")
    submit(round_, mentor, "mentor")
    publish_run(round_, {mentee: [(mentor, 0.8)]})
    make_request(round_, mentee, mentor)

    html = _signed_in(mentor).get("/").content.decode()

    assert "1 mentee request waiting for your answer" in html
    assert _current_step(html) == "Answer mentees&#x27; requests"


def test_someone_outside_every_round_is_told_so() -> None:
    make_round("Spring 2027", questionnaire=False)
    someone = make_user("Carla", last_name="Dias", mentee=True)

    html = _signed_in(someone).get("/").content.decode()

    assert "You are not taking part in a round yet" in html


def test_a_coordinator_sees_links_to_each_rounds_dashboard() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    coordinator = make_user("Dora", last_name="E", coordinator=True, profile=False)

    html = _signed_in(coordinator).get("/").content.decode()

    assert "Your rounds" in html
    assert f'href="/reports/rounds/{round_.pk}/"' in html


def test_a_mentee_who_paused_is_told_they_may_still_choose() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    mentor = make_user("Bruno", last_name="Costa", mentor=True)
    join(round_, mentee, "mentee")
    submit(round_, mentee, "mentee")
    publish_run(round_, {mentee: [(mentor, 0.8)]})
    RoundPause.objects.create(round=round_, mentee=mentee)

    html = _signed_in(mentee).get("/").content.decode()

    assert "You chose not to take a mentor in this round" in html
    assert f'href="/mentorships/round/{round_.pk}/shortlist/"' in html
