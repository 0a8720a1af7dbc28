from __future__ import annotations

from typing import Any

from mentormatch.questionnaire.defaults import DEFAULT_QUESTIONS, questionnaire_install_defaults
from mentormatch.questionnaire.forms import QuestionForm, choices_to_text
from mentormatch.questionnaire.models import Question, ResponseStatus
from mentormatch.questionnaire.selectors import (
    engine_criteria,
    mentor_capacities,
    submitted_answers,
)
from mentormatch.questionnaire.services import response_save_draft, response_submit
from mentormatch.rounds.models import Participation
from tests.factories import join, make_round, make_user

MENTEE = {
    "areas_wanted": ["research", "grant_writing"],
    "career_track_pref": "research",
    "department_pref": "same_preferred",
    "mentor_rank_pref": "Professor",
    "meeting_mode": "virtual",
    "meeting_frequency": "monthly",
    "gender_pref": "woman",
}
MENTOR = {
    "areas_offered": ["research"],
    "career_track": "research",
    "mentor_rank": "Professor",
    "meeting_mode": "virtual",
    "meeting_frequency": "monthly",
    "capacity": 3,
    "gender": "woman",
}


def test_installing_the_defaults_twice_adds_each_question_once(round: Any) -> None:
    again = questionnaire_install_defaults(round=round)
    keys = [q.key for q in again]
    assert keys == [d["key"] for d in DEFAULT_QUESTIONS]
    assert Question.objects.filter(round=round).count() == len(DEFAULT_QUESTIONS)


def test_installing_the_defaults_keeps_a_coordinators_edit(round: Any) -> None:
    Question.objects.filter(round=round, key="goals").update(text="Your goals, briefly")
    Question.objects.filter(round=round, key="gender").delete()
    questionnaire_install_defaults(round=round)
    assert Question.objects.get(round=round, key="goals").text == "Your goals, briefly"
    assert Question.objects.filter(round=round, key="gender").exists()


def test_every_default_question_passes_the_coordinators_validation(round: Any) -> None:
    for question in Question.objects.filter(round=round):
        data = {
            field: getattr(question, field)
            for field in QuestionForm.Meta.fields
            if field not in ("required", "confidential")
        }
        data["choices_text"] = choices_to_text(question.choices)
        if question.required:
            data["required"] = "on"
        if question.confidential:
            data["confidential"] = "on"
        form = QuestionForm(data, instance=question, round=round)
        assert form.is_valid(), (question.key, form.errors)


def test_engine_criteria_pair_each_mentee_preference_with_the_mentor_question(
    round: Any,
) -> None:
    criteria = {c.key: c for c in engine_criteria(round=round)}
    assert criteria["areas_wanted"].kind == "overlap"
    assert criteria["areas_wanted"].mentor_question == "areas_offered"
    assert criteria["areas_wanted"].weight == 2.0
    assert criteria["department_pref"].kind == "department"
    assert criteria["department_pref"].mentor_question == ""
    assert criteria["meeting_mode"].kind == "same"
    assert criteria["meeting_mode"].mentor_question == "meeting_mode"
    assert criteria["gender_pref"].kind == "attribute"
    assert criteria["gender_pref"].mentor_question == "gender"
    assert criteria["career_track_pref"].mentor_question == "career_track"
    # Mentor-side questions, capacity and free text are not criteria of their own.
    assert not {"areas_offered", "capacity", "goals", "gender"} & set(criteria)
    assert all(c.role == "weighted" for c in criteria.values())


def test_only_submitted_answers_of_active_participants_reach_the_engine(round: Any) -> None:
    done, drafting, withdrawn = (make_user(n, profile=False) for n in ("Ann", "Bea", "Cal"))
    for user in (done, drafting, withdrawn):
        join(round, user, "mentee")
    response_submit(round=round, user=done, role="mentee", answers=MENTEE)
    response_save_draft(round=round, user=drafting, role="mentee", answers=MENTEE)
    response_submit(round=round, user=withdrawn, role="mentee", answers=MENTEE)
    Participation.objects.filter(user=withdrawn).update(withdrawn_at="2026-01-01T00:00Z")

    answers = submitted_answers(round=round, role="mentee")

    assert list(answers) == [done.pk]
    assert answers[done.pk]["areas_wanted"] == ["research", "grant_writing"]
    assert answers[done.pk]["gender_pref"] == "woman"  # the engine sees confidential answers
    assert answers[done.pk]["background_pref"] is None  # left blank
    assert "areas_offered" not in answers[done.pk]


def test_a_mentors_capacity_answer_becomes_their_capacity(round: Any) -> None:
    answered, silent = make_user("Max", profile=False), make_user("Ned", profile=False)
    join(round, answered, "mentor", capacity=1)
    join(round, silent, "mentor", capacity=2)
    response_submit(round=round, user=answered, role="mentor", answers=MENTOR)

    assert mentor_capacities(round=round) == {answered.pk: 3, silent.pk: 2}
    assert Participation.objects.get(user=answered).capacity == 3


def test_saving_a_draft_after_submitting_takes_the_answers_out_of_matching(round: Any) -> None:
    user = make_user("Ida", profile=False)
    join(round, user, "mentee")
    response_submit(round=round, user=user, role="mentee", answers=MENTEE)
    response = response_save_draft(round=round, user=user, role="mentee", answers=MENTEE)
    assert response.status == ResponseStatus.DRAFT
    assert submitted_answers(round=round, role="mentee") == {}


def test_rounds_keep_their_own_questions(db: Any) -> None:
    first, second = make_round(), make_round()
    Question.objects.filter(round=first, key="goals").delete()
    assert Question.objects.filter(round=second, key="goals").exists()


def test_a_hard_rule_added_by_a_coordinator_reaches_the_engine_as_hard(round: Any) -> None:
    Question.objects.filter(round=round, key="department_pref").update(matching_role="hard")
    Question.objects.filter(round=round, key="meeting_mode").update(matching_role="info")
    criteria = {c.key: c for c in engine_criteria(round=round)}
    assert criteria["department_pref"].role == "hard"
    assert "meeting_mode" not in criteria
