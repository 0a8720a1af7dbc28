from __future__ import annotations

from typing import Any

from django.urls import reverse

from mentormatch.audit.models import AuditEvent
from mentormatch.questionnaire.models import Question
from tests.factories import make_round

NEW_QUESTION = {
    "key": "methods_wanted",
    "text": "Which research methods would you like to learn?",
    "label": "Research methods",
    "help_text": "",
    "kind": "multiple",
    "choices_text": "qualitative|Qualitative methods\ntrials|Clinical trials\nstats",
    "scale_min": "1",
    "scale_max": "5",
    "audience": "mentee",
    "required": "on",
    "matching_role": "info",
    "weight": "0",
    "comparison": "",
    "paired_key": "",
}


def questions_url(round: Any) -> str:
    return reverse("questionnaire:questions", args=[round.pk])


def test_only_coordinators_see_a_rounds_questions(client: Any, round: Any, mentee: Any) -> None:
    client.force_login(mentee)
    assert client.get(questions_url(round)).status_code == 403
    add = reverse("questionnaire:question_add", args=[round.pk])
    assert client.post(add, NEW_QUESTION).status_code == 403
    assert not Question.objects.filter(key="methods_wanted").exists()


def test_a_coordinator_sees_the_questions_in_order(client: Any, round: Any, coordinator: Any):
    client.force_login(coordinator)
    page = client.get(questions_url(round)).content.decode()
    assert page.index("In which areas would you like mentoring?") < page.index(
        "How many mentees can you take on"
    )
    assert "(confidential)" in page


def test_a_coordinator_adds_a_question_with_options_one_a_line(
    client: Any, round: Any, coordinator: Any
) -> None:
    client.force_login(coordinator)
    add = reverse("questionnaire:question_add", args=[round.pk])
    response = client.post(add, NEW_QUESTION, follow=True)
    assert "Question &#x27;methods_wanted&#x27; is saved" in response.content.decode()
    question = Question.objects.get(round=round, key="methods_wanted")
    assert question.choices == [
        {"value": "qualitative", "label": "Qualitative methods"},
        {"value": "trials", "label": "Clinical trials"},
        {"value": "stats", "label": "stats"},
    ]
    assert question.position > Question.objects.get(round=round, key="background").position
    assert AuditEvent.objects.filter(action="question.create", actor=coordinator).exists()


def test_a_weighted_question_needs_a_comparison_and_an_existing_pair(
    client: Any, round: Any, coordinator: Any
) -> None:
    client.force_login(coordinator)
    add = reverse("questionnaire:question_add", args=[round.pk])
    data = {**NEW_QUESTION, "matching_role": "weighted", "weight": "1"}
    page = client.post(add, data).content.decode()
    assert "Say how the engine compares this question." in page
    assert 'value="methods_wanted"' in page  # typed text kept

    data.update(comparison="overlap", paired_key="methods_offered")
    page = client.post(add, data).content.decode()
    assert "This round has no question with the key" in page
    assert 'role="alert"' in page

    data.update(paired_key="areas_offered", weight="0")
    page = client.post(add, data).content.decode()
    assert "A weighted preference needs a weight above 0." in page
    assert not Question.objects.filter(key="methods_wanted").exists()

    data.update(weight="1.5")
    client.post(add, data)
    assert Question.objects.get(key="methods_wanted").paired_key == "areas_offered"


def test_a_choice_question_needs_two_distinct_options(
    client: Any, round: Any, coordinator: Any
) -> None:
    client.force_login(coordinator)
    add = reverse("questionnaire:question_add", args=[round.pk])
    page = client.post(add, {**NEW_QUESTION, "choices_text": "a|A\na|Again"}).content.decode()
    assert "appears twice" in page
    page = client.post(add, {**NEW_QUESTION, "choices_text": "only|Only"}).content.decode()
    assert "at least two options" in page


def test_the_key_must_be_unique_in_the_round(client: Any, round: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    add = reverse("questionnaire:question_add", args=[round.pk])
    page = client.post(add, {**NEW_QUESTION, "key": "goals"}).content.decode()
    assert "already has this key" in page


def test_a_coordinator_edits_a_question(client: Any, round: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    question = Question.objects.get(round=round, key="meeting_mode")
    edit = reverse("questionnaire:question_edit", args=[round.pk, question.pk])
    page = client.get(edit).content.decode()
    assert "in_person|In person" in page
    form = {
        **NEW_QUESTION,
        "key": "meeting_mode",
        "text": "How do you like to meet?",
        "kind": "single",
        "choices_text": "in_person|In person\nvirtual|Online",
        "audience": "both",
        "matching_role": "weighted",
        "weight": "0.75",
        "comparison": "same",
        "paired_key": "meeting_mode",
    }
    client.post(edit, form)
    question.refresh_from_db()
    assert question.text == "How do you like to meet?"
    assert question.weight == 0.75


def test_renaming_a_question_that_another_is_compared_with_is_refused(
    client: Any, round: Any, coordinator: Any
) -> None:
    client.force_login(coordinator)
    question = Question.objects.get(round=round, key="areas_offered")
    edit = reverse("questionnaire:question_edit", args=[round.pk, question.pk])
    form = {
        **NEW_QUESTION,
        "key": "areas_given",
        "audience": "mentor",
        "choices_text": "research|Research\nteaching|Teaching",
    }
    page = client.post(edit, form).content.decode()
    assert "is compared with this one" in page


def test_questions_move_up_and_down(client: Any, round: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    second = Question.objects.get(round=round, key="areas_offered")
    move = reverse("questionnaire:question_move", args=[round.pk, second.pk])
    client.post(move, {"direction": "up"})
    keys = list(Question.objects.filter(round=round).values_list("key", flat=True))
    assert keys[:2] == ["areas_offered", "areas_wanted"]
    client.post(move, {"direction": "up"})  # already first: nothing happens
    client.post(move, {"direction": "down"})
    keys = list(Question.objects.filter(round=round).values_list("key", flat=True))
    assert keys[:2] == ["areas_wanted", "areas_offered"]


def test_deleting_a_paired_question_is_refused_with_a_reason(
    client: Any, round: Any, coordinator: Any
) -> None:
    client.force_login(coordinator)
    paired = Question.objects.get(round=round, key="areas_offered")
    delete = reverse("questionnaire:question_delete", args=[round.pk, paired.pk])
    page = client.post(delete, follow=True).content.decode()
    assert "is compared with" in page
    assert Question.objects.filter(pk=paired.pk).exists()

    goals = Question.objects.get(round=round, key="goals")
    delete = reverse("questionnaire:question_delete", args=[round.pk, goals.pk])
    assert "Delete the question" in client.get(delete).content.decode()
    client.post(delete)
    assert not Question.objects.filter(pk=goals.pk).exists()


def test_a_question_of_another_round_is_not_found(client: Any, coordinator: Any) -> None:
    first, second = make_round(), make_round()
    question = Question.objects.get(round=first, key="goals")
    client.force_login(coordinator)
    edit = reverse("questionnaire:question_edit", args=[second.pk, question.pk])
    assert client.get(edit).status_code == 404


def test_the_default_questions_can_be_added_to_an_empty_round(
    client: Any, coordinator: Any
) -> None:
    round = make_round(questionnaire=False)
    client.force_login(coordinator)
    url = reverse("questionnaire:install_defaults", args=[round.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Added 15 default questions." in page
    page = client.post(url, follow=True).content.decode()
    assert "Added 0 default questions." in page
