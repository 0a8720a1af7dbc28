from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from mentormatch.questionnaire.models import Response, ResponseStatus
from mentormatch.questionnaire.selectors import answers_of, submitted_answers
from mentormatch.rounds.models import Participation, RoundStatus
from tests.factories import join, make_round, make_user

GOALS = "Learn to write an R01 <and> keep my clinic going"


def url(round: Any, role: str) -> str:
    return reverse("questionnaire:answer", args=[round.pk, role])


def full_mentee_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "q_areas_wanted": ["research", "grant_writing"],
        "q_career_track_pref": "research",
        "q_department_pref": "same_preferred",
        "q_mentor_rank_pref": "no_preference",
        "q_meeting_mode": "virtual",
        "q_meeting_frequency": "monthly",
        "q_goals": GOALS,
        "action": "submit",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def field_block(html: str, name: str) -> str:
    """The fieldset or field div that holds the input ``name``."""
    for block in re.split(r'(?=<(?:fieldset|div) class="field[" ])', html):
        if f'name="{name}"' in block:
            return block
    raise AssertionError(f"no field {name}")


def test_a_participant_sees_the_questions_for_their_role(client: Any, round: Any, mentee: Any):
    client.force_login(mentee)
    page = client.get(url(round, "mentee")).content.decode()
    assert "In which areas would you like mentoring?" in page
    assert "In which areas can you offer mentoring?" not in page
    assert page.count("<h1>") == 1
    assert "Confidential: seen only by you" in field_block(page, "q_gender_pref")


def test_someone_not_taking_part_gets_a_clear_page(client: Any, round: Any) -> None:
    outsider = make_user("Olga", mentee=True, profile=False)
    client.force_login(outsider)
    response = client.get(url(round, "mentee"))
    assert response.status_code == 403
    assert "You are not taking part in the round" in response.content.decode()
    assert client.post(url(round, "mentee"), full_mentee_post()).status_code == 403
    assert not Response.objects.exists()


def test_a_mentee_cannot_answer_the_mentor_questionnaire(client: Any, round: Any, mentee: Any):
    client.force_login(mentee)
    assert client.get(url(round, "mentor")).status_code == 403


def test_a_closed_round_takes_no_more_answers(client: Any, round: Any, mentee: Any) -> None:
    round.status = RoundStatus.CLOSED
    round.save()
    client.force_login(mentee)
    response = client.post(url(round, "mentee"), full_mentee_post())
    assert response.status_code == 403
    assert "it has closed" in response.content.decode()
    assert not Response.objects.exists()


def test_an_anonymous_visitor_is_asked_to_sign_in(client: Any, round: Any) -> None:
    response = client.get(url(round, "mentee"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_draft_keeps_what_was_typed_even_when_incomplete(
    client: Any, round: Any, mentee: Any
) -> None:
    client.force_login(mentee)
    response = client.post(
        url(round, "mentee"),
        {"q_goals": GOALS, "q_meeting_mode": "virtual", "action": "draft"},
        follow=True,
    )
    page = response.content.decode()
    assert "Your draft is saved" in page
    assert "Learn to write an R01 &lt;and&gt; keep my clinic going" in page
    assert re.search(r'value="virtual"[^>]*checked', field_block(page, "q_meeting_mode"))
    saved = Response.objects.get(user=mentee)
    assert saved.status == ResponseStatus.DRAFT
    assert answers_of(response=saved)["goals"] == GOALS
    assert "field-error" not in page


def test_submitting_without_a_required_answer_shows_the_error_next_to_it(
    client: Any, round: Any, mentee: Any
) -> None:
    client.force_login(mentee)
    response = client.post(url(round, "mentee"), full_mentee_post(q_areas_wanted=None))
    assert response.status_code == 200
    page = response.content.decode()
    areas = field_block(page, "q_areas_wanted")
    assert 'class="field-error" id="id_q_areas_wanted_error"' in areas
    assert "Choose at least one option." in areas
    # The summary is announced and links to the field.
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', page, re.S)
    assert summary and 'href="#id_q_areas_wanted_0"' in summary.group(0)
    # Everything else typed is still there.
    assert "Learn to write an R01 &lt;and&gt; keep my clinic going" in page
    assert re.search(r'value="same_preferred"[^>]*checked', field_block(page, "q_department_pref"))
    assert "field-error" not in field_block(page, "q_goals")
    assert not Response.objects.filter(status=ResponseStatus.SUBMITTED).exists()


def test_a_complete_questionnaire_is_submitted_and_can_be_changed_while_open(
    client: Any, round: Any, mentee: Any
) -> None:
    client.force_login(mentee)
    page = client.post(url(round, "mentee"), full_mentee_post(), follow=True).content.decode()
    assert "your answers are submitted" in page
    assert "Submit changes" in page
    assert "Save draft" not in page
    assert submitted_answers(round=round, role="mentee")[mentee.pk]["meeting_mode"] == "virtual"

    client.post(url(round, "mentee"), full_mentee_post(q_meeting_mode="in_person"))
    assert submitted_answers(round=round, role="mentee")[mentee.pk]["meeting_mode"] == "in_person"


def test_a_mentor_submits_capacity_on_the_scale(client: Any, round: Any, mentor: Any) -> None:
    client.force_login(mentor)
    data = {
        "q_areas_offered": ["research"],
        "q_career_track": "clinical",
        "q_mentor_rank": "Professor",
        "q_meeting_mode": "hybrid",
        "q_meeting_frequency": "monthly",
        "q_capacity": "5",
        "action": "submit",
    }
    page = client.post(url(round, "mentor"), data).content.decode()
    assert "field-error" in field_block(page, "q_capacity")  # the scale ends at 4
    data["q_capacity"] = "2"
    client.post(url(round, "mentor"), data)
    assert Participation.objects.get(user=mentor).capacity == 2


def test_tampered_choices_are_refused_on_submit_and_dropped_from_drafts(
    client: Any, round: Any, mentee: Any
) -> None:
    client.force_login(mentee)
    page = client.post(
        url(round, "mentee"), full_mentee_post(q_meeting_mode="teleport")
    ).content.decode()
    assert "Choose one of the options shown." in field_block(page, "q_meeting_mode")
    client.post(url(round, "mentee"), full_mentee_post(q_meeting_mode="teleport", action="draft"))
    assert answers_of(response=Response.objects.get(user=mentee))["meeting_mode"] is None


def test_people_only_see_their_own_answers(client: Any, round: Any, mentee: Any) -> None:
    other = make_user("Zoe", profile=False)
    join(round, other, "mentee")
    client.force_login(mentee)
    client.post(url(round, "mentee"), full_mentee_post(q_gender_pref="woman"))
    client.force_login(other)
    page = client.get(url(round, "mentee")).content.decode()
    assert GOALS.split("<")[0] not in page
    assert not re.search(r'value="woman"[^>]*checked', page)


def test_an_unknown_role_is_not_found(client: Any, mentee: Any) -> None:
    round = make_round()
    client.force_login(mentee)
    assert client.get(f"/questionnaire/rounds/{round.pk}/chair/").status_code == 404
