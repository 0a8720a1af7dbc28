"""``matching.visibility``: the one rule for what a viewer may see of a suggestion."""

from __future__ import annotations

from mentormatch.matching.models import Suggestion
from mentormatch.matching.visibility import EVERYTHING, confidential_criteria
from mentormatch.questionnaire.models import Question

QUESTIONS = [
    Question(key="areas", label="Mentoring areas", paired_key="areas_offered"),
    Question(key="areas_offered", label="Areas offered"),
    Question(key="gender_pref", label="Gender preference", paired_key="gender", confidential=True),
    Question(key="gender", label="Gender", confidential=True),
    Question(key="background_pref", label="", text="Shared background?", paired_key="background"),
    Question(key="background", label="Background", confidential=True),
]


def a_suggestion(parts: dict[str, float], met: list) -> Suggestion:
    return Suggestion(position=1, score=sum(parts.values()), parts=parts, preferences_met=met)


def test_a_preference_compared_with_a_confidential_answer_is_hidden_by_label_and_key() -> None:
    hidden = confidential_criteria(QUESTIONS)

    assert hidden.hidden_keys == {"gender_pref", "gender", "background_pref", "background"}
    suggestion = a_suggestion(
        {"affinity": 0.5, "areas": 1.0},
        ["Mentoring areas", "Gender preference", "Shared background?", {"label": "gender_pref"}],
    )
    assert hidden.preferences(suggestion) == ("Mentoring areas",)


def test_the_parts_are_withheld_whole_when_one_rests_on_a_confidential_answer() -> None:
    hidden = confidential_criteria(QUESTIONS)
    revealing = a_suggestion({"affinity": 0.5, "areas": 1.0, "gender_pref": 1.0}, [])
    harmless = a_suggestion({"affinity": 0.5, "areas": 1.0}, [])

    # score - affinity - areas would give the hidden part away, so none are shown.
    assert hidden.parts(revealing) == {}
    assert hidden.parts(harmless) == {"affinity": 0.5, "areas": 1.0}


def test_a_viewer_allowed_confidential_answers_sees_everything() -> None:
    suggestion = a_suggestion({"affinity": 0.5, "gender_pref": 1.0}, ["Gender preference"])

    assert EVERYTHING.parts(suggestion) == {"affinity": 0.5, "gender_pref": 1.0}
    assert EVERYTHING.preferences(suggestion) == ("Gender preference",)
