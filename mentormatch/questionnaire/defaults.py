"""The default faculty question set, installed into every new round.

Each entry is the data of one :class:`~mentormatch.questionnaire.models.Question`.  Matching
roles and comparisons follow ``mentormatch_engine/interface.py``:

* a mentee question (audience ``mentee`` or ``both``) with role ``hard``/``weighted`` and a
  comparison ``overlap``/``same``/``attribute`` names, in ``paired_key``, the mentor question it
  is compared with (for ``both`` questions compared with ``same``, itself);
* ``department`` compares the mentee's preference with both people's profile department;
* the mentor question with comparison ``capacity`` says how many mentees a mentor takes.

Weights: mentoring areas matter most (2.0), then the department and career track (1.0), the
confidential preferences (1.0, only ever raise a score when they are met), and the practical
details of meeting (0.5).  Research affinity is weighted by the round's engine settings.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from mentormatch.questionnaire.models import Question

MENTORING_AREAS = [
    ("research", "Research and scholarship"),
    ("grant_writing", "Grant writing and funding"),
    ("publishing", "Writing and publishing"),
    ("teaching", "Teaching and education"),
    ("clinical_practice", "Clinical practice"),
    ("promotion_tenure", "Promotion and tenure"),
    ("leadership", "Leadership and administration"),
    ("networking", "Networking and collaboration"),
    ("work_life", "Work-life integration"),
    ("career_planning", "Career planning"),
]

TRACKS = [
    ("research", "Research / tenure track"),
    ("clinical", "Clinician educator"),
    ("clinical_investigator", "Clinician investigator"),
    ("teaching", "Teaching / educator"),
]

NO_PREFERENCE = ("no_preference", "No preference")


def _choices(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"value": value, "label": label} for value, label in pairs]


DEFAULT_QUESTIONS: tuple[dict[str, Any], ...] = (
    {
        "key": "areas_wanted",
        "label": "Mentoring areas",
        "text": "In which areas would you like mentoring?",
        "help_text": "Choose all that apply.",
        "kind": "multiple",
        "choices": _choices(MENTORING_AREAS),
        "audience": "mentee",
        "required": True,
        "matching_role": "weighted",
        "weight": 2.0,
        "comparison": "overlap",
        "paired_key": "areas_offered",
    },
    {
        "key": "areas_offered",
        "label": "Mentoring areas",
        "text": "In which areas can you offer mentoring?",
        "help_text": "Choose all that apply.",
        "kind": "multiple",
        "choices": _choices(MENTORING_AREAS),
        "audience": "mentor",
        "required": True,
    },
    {
        "key": "career_track",
        "label": "Career track",
        "text": "What is your career track?",
        "kind": "single",
        "choices": _choices(TRACKS),
        "audience": "mentor",
        "required": True,
    },
    {
        "key": "career_track_pref",
        "label": "Career track",
        "text": "Which career track should your mentor be on?",
        "help_text": "Usually your own track.",
        "kind": "single",
        "choices": _choices([*TRACKS, NO_PREFERENCE]),
        "audience": "mentee",
        "required": True,
        "matching_role": "weighted",
        "weight": 1.0,
        "comparison": "same",
        "paired_key": "career_track",
    },
    {
        "key": "department_pref",
        "label": "Department",
        "text": "Should your mentor be in your own department?",
        "kind": "single",
        "choices": _choices(
            [
                ("same_required", "Same department only"),
                ("same_preferred", "Same department preferred"),
                ("other_required", "Another department only"),
                ("other_preferred", "Another department preferred"),
                NO_PREFERENCE,
            ]
        ),
        "audience": "mentee",
        "required": True,
        "matching_role": "weighted",
        "weight": 1.0,
        "comparison": "department",
    },
    {
        "key": "mentor_rank",
        "label": "Mentor rank",
        "text": "What is your academic rank?",
        "kind": "single",
        "choices": _choices(
            [
                ("Assistant Professor", "Assistant Professor"),
                ("Associate Professor", "Associate Professor"),
                ("Professor", "Professor"),
            ]
        ),
        "audience": "mentor",
        "required": True,
    },
    {
        "key": "mentor_rank_pref",
        "label": "Mentor rank",
        "text": "Which rank would you like your mentor to hold?",
        "kind": "single",
        "choices": _choices(
            [
                ("Associate Professor", "Associate Professor"),
                ("Professor", "Professor"),
                NO_PREFERENCE,
            ]
        ),
        "audience": "mentee",
        "required": True,
        "matching_role": "weighted",
        "weight": 0.5,
        "comparison": "attribute",
        "paired_key": "mentor_rank",
    },
    {
        "key": "meeting_mode",
        "label": "Meeting mode",
        "text": "How would you prefer to meet?",
        "kind": "single",
        "choices": _choices(
            [
                ("in_person", "In person"),
                ("virtual", "Video call"),
                ("hybrid", "A mix of both"),
                NO_PREFERENCE,
            ]
        ),
        "audience": "both",
        "required": True,
        "matching_role": "weighted",
        "weight": 0.5,
        "comparison": "same",
        "paired_key": "meeting_mode",
    },
    {
        "key": "meeting_frequency",
        "label": "Meeting frequency",
        "text": "How often would you like to meet?",
        "kind": "single",
        "choices": _choices(
            [
                ("fortnightly", "Every two weeks"),
                ("monthly", "Monthly"),
                ("quarterly", "Every three months"),
                NO_PREFERENCE,
            ]
        ),
        "audience": "both",
        "required": True,
        "matching_role": "weighted",
        "weight": 0.5,
        "comparison": "same",
        "paired_key": "meeting_frequency",
    },
    {
        "key": "capacity",
        "label": "Capacity",
        "text": "How many mentees can you take on in this round?",
        "kind": "scale",
        "scale_min": 1,
        "scale_max": 4,
        "audience": "mentor",
        "required": True,
        "matching_role": "hard",
        "comparison": "capacity",
    },
    {
        "key": "goals",
        "text": "What do you hope to gain from mentoring?",
        "help_text": "Optional. Your mentor will read this.",
        "kind": "text",
        "audience": "mentee",
        "required": False,
    },
    {
        "key": "gender_pref",
        "label": "Gender preference",
        "text": "Would you prefer a mentor of a particular gender?",
        "help_text": "Optional and confidential.",
        "kind": "single",
        "choices": _choices(
            [
                ("woman", "A woman"),
                ("man", "A man"),
                ("non_binary", "A non-binary person"),
                NO_PREFERENCE,
            ]
        ),
        "audience": "mentee",
        "required": False,
        "confidential": True,
        "matching_role": "weighted",
        "weight": 1.0,
        "comparison": "attribute",
        "paired_key": "gender",
    },
    {
        "key": "gender",
        "label": "Gender",
        "text": "How do you describe your gender?",
        "help_text": (
            "Optional and confidential: used for mentees who ask for it, and in the "
            "programme's reports only as counts of five people or more."
        ),
        "kind": "single",
        "choices": _choices(
            [
                ("woman", "Woman"),
                ("man", "Man"),
                ("non_binary", "Non-binary"),
                ("not_said", "Prefer not to say"),
            ]
        ),
        "audience": "both",
        "required": False,
        "confidential": True,
    },
    {
        "key": "background_pref",
        "label": "Shared background",
        "text": "Would you prefer a mentor from a group under-represented in medicine?",
        "help_text": "Optional and confidential.",
        "kind": "single",
        "choices": _choices([("urm", "Yes, I would prefer that"), NO_PREFERENCE]),
        "audience": "mentee",
        "required": False,
        "confidential": True,
        "matching_role": "weighted",
        "weight": 1.0,
        "comparison": "attribute",
        "paired_key": "background",
    },
    {
        "key": "background",
        "label": "Background",
        "text": "Do you identify as a member of a group under-represented in medicine?",
        "help_text": (
            "Optional and confidential: used for mentees who ask for it, and in the "
            "programme's reports only as counts of five people or more."
        ),
        "kind": "single",
        "choices": _choices([("urm", "Yes"), ("not_urm", "No"), ("not_said", "Prefer not to say")]),
        "audience": "both",
        "required": False,
        "confidential": True,
    },
)


def questionnaire_install_defaults(*, round: Any) -> list[Question]:
    """Add the default questions the round lacks (matched by key); return them in order.

    Idempotent: questions already present, possibly edited by a coordinator, are left alone.
    """
    with transaction.atomic():
        existing = {q.key: q for q in Question.objects.filter(round=round)}
        start = max((q.position for q in existing.values()), default=0)
        out: list[Question] = []
        for index, data in enumerate(DEFAULT_QUESTIONS, start=1):
            question = existing.get(data["key"])
            if question is None:
                question = Question.objects.create(round=round, position=start + index * 10, **data)
            out.append(question)
    return out
