"""The generated demo programme: believable, deterministic, and safe to seed twice."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from io import StringIO
from pathlib import Path
from statistics import mean
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.directory.models import Profile, Publication
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.services import match_run_start
from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RequestStatus
from mentormatch.notifications.models import OutboxMessage
from mentormatch.questionnaire.models import Answer, QuestionKind, Response, ResponseStatus
from mentormatch.rounds.models import Participation, Round, RoundStatus
from mentormatch.rounds.services import round_update
from mentormatch_dev.demo.generate import DEMO_EMAIL_DOMAIN, generate_people
from mentormatch_dev.demo.history import HISTORY_ROUND_NAME
from mentormatch_dev.demo.seeding import CURRENT_ROUND_NAME, DEMO_PASSWORD
from mentormatch_dev.demo.vocabulary import CROSS_TOPICS
from mentormatch_engine.records import read_participants, read_person_records
from tests.factories import make_user

WORD = re.compile(r"[a-z][a-z\-]{3,}")
COMMON = {"with", "from", "study", "among", "using", "after", "results", "lessons", "pilot"}


def _vocabulary(person: dict[str, Any]) -> set[str]:
    text = " ".join(
        [person["interests"], *person["keywords"], *(p["title"] for p in person["publications"])]
    )
    return set(WORD.findall(text.lower())) - COMMON


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)


def test_the_same_seed_gives_the_same_people() -> None:
    assert generate_people(seed=11, count=320) == generate_people(seed=11, count=320)


def test_another_seed_gives_other_people() -> None:
    first = generate_people(seed=11, count=320)
    second = generate_people(seed=12, count=320)

    assert [p["name"] for p in first] != [p["name"] for p in second]
    assert [p["interests"] for p in first] != [p["interests"] for p in second]


def test_the_default_demo_is_a_health_centre_of_300_faculty_in_12_departments() -> None:
    people = generate_people(seed=2027, count=320)

    assert len(people) == 320
    assert len({p["id"] for p in people}) == 320
    assert len({p["email"] for p in people}) == 320
    assert len({p["department"] for p in people}) >= 12
    assert {p["rank"] for p in people} == {
        "Instructor",
        "Assistant Professor",
        "Associate Professor",
        "Professor",
    }
    assert len({p["track"] for p in people}) >= 3
    assert all(p["email"].endswith(f"@{DEMO_EMAIL_DOMAIN}") for p in people)
    assert all(p["publications"] and p["keywords"] and p["interests"] for p in people)


def test_juniors_are_mentees_and_seniors_mentors_with_room_for_one_to_three() -> None:
    people = generate_people(seed=2027, count=320)

    for person in people:
        if person["rank"] in ("Instructor", "Assistant Professor"):
            assert person["roles"] == ["mentee"]
        if person["rank"] == "Professor":
            assert person["roles"] == ["mentor"]
        if "mentor" in person["roles"]:
            assert 1 <= person["capacity"] <= 3
    mentees = sum("mentee" in p["roles"] for p in people)
    places = sum(p["capacity"] for p in people)
    assert places >= mentees * 0.8, "enough mentor places for most mentees"
    assert any(p["roles"] == ["mentee", "mentor"] for p in people)


def test_colleagues_in_one_department_share_more_vocabulary_than_across_departments() -> None:
    people = generate_people(seed=5, count=320)
    words = [_vocabulary(p) for p in people]
    same: list[float] = []
    other: list[float] = []
    for i, j in itertools.combinations(range(0, 320, 2), 2):
        score = _jaccard(words[i], words[j])
        (same if people[i]["department"] == people[j]["department"] else other).append(score)

    assert mean(same) > 2 * mean(other)


def test_every_department_has_its_own_words_and_cross_disciplinary_topics_connect_them() -> None:
    people = generate_people(seed=5, count=320)
    by_department: dict[str, set[str]] = defaultdict(set)
    for person in people:
        by_department[person["department"]] |= set(person["keywords"])

    cardiology, oncology = by_department["Cardiology"], by_department["Oncology"]
    assert "atrial fibrillation" in cardiology and "atrial fibrillation" not in oncology
    assert cardiology & oncology & set(CROSS_TOPICS)
    assert {"health equity", "machine learning"} <= set().union(*by_department.values())


def test_the_records_are_ones_the_engine_reads(tmp_path: Path) -> None:
    path = tmp_path / "people.jsonl"

    call_command("seed_demo", "--jsonl", str(path), "--people", "40", stdout=StringIO())

    records = read_person_records(path)
    assert len(records) == 40
    assert records[0].publications and records[0].publications[0].title
    assert [r.id for r in records] == [p["id"] for p in generate_people(seed=2027, count=40)]


def test_mentor_and_mentee_files_for_the_engine_keep_people_from_matching_themselves(
    tmp_path: Path,
) -> None:
    for role in ("mentee", "mentor"):
        call_command(
            "seed_demo",
            "--jsonl",
            str(tmp_path / f"{role}s.jsonl"),
            "--role",
            role,
            "--people",
            "120",
            stdout=StringIO(),
        )

    mentees = {p.record.id: p for p in read_participants(tmp_path / "mentees.jsonl")}
    mentors = {p.record.id: p for p in read_participants(tmp_path / "mentors.jsonl")}
    assert mentees and mentors
    assert {p.record.rank for p in mentors.values()} <= {"Associate Professor", "Professor"}
    assert all(1 <= p.capacity <= 3 for p in mentors.values())
    both = set(mentees) & set(mentors)
    assert both, "some associate professors are mentees and mentors"
    for person_id in both:
        assert person_id in mentees[person_id].excluded
        assert person_id in mentors[person_id].excluded


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "profiles": Profile.objects.count(),
        "publications": Publication.objects.count(),
        "rounds": Round.objects.count(),
        "participations": Participation.objects.count(),
        "responses": Response.objects.count(),
        "answers": Answer.objects.count(),
        "runs": MatchRun.objects.count(),
        "mentorships": Mentorship.objects.count(),
    }


@pytest.mark.django_db
def test_seeding_twice_creates_nothing_twice() -> None:
    call_command("seed_demo", "--people", "30", stdout=StringIO())
    first = _counts()

    out = StringIO()
    call_command("seed_demo", "--people", "30", stdout=out)

    assert _counts() == first
    assert first["users"] == 34  # 30 generated, the demo mentor and mentee, coordinator, admin
    assert first["publications"] > 30
    assert "(0 new)" in out.getvalue()


@pytest.mark.django_db
def test_the_seeded_round_is_open_with_most_questionnaires_answered_from_their_choices() -> None:
    call_command("seed_demo", "--people", "40", stdout=StringIO())

    round_ = Round.objects.get(name=CURRENT_ROUND_NAME)
    assert round_.status == RoundStatus.OPEN
    assert round_.questions.exists()
    participations = Participation.objects.filter(round=round_).count()
    submitted = Response.objects.filter(round=round_, status=ResponseStatus.SUBMITTED)
    assert submitted.count() >= participations * 0.7
    for answer in Answer.objects.filter(response__in=submitted).select_related("question"):
        allowed = {c["value"] for c in answer.question.choices}
        if answer.question.kind == QuestionKind.SINGLE and answer.value is not None:
            assert answer.value in allowed
        if answer.question.kind == QuestionKind.MULTIPLE:
            assert isinstance(answer.value, list) and answer.value
            assert set(answer.value) <= allowed
    mentor_capacities = Participation.objects.filter(round=round_, role="mentor")
    assert {p.capacity for p in mentor_capacities} <= {1, 2, 3}


@pytest.mark.django_db
def test_last_years_round_is_closed_with_mentorships_from_its_published_matching() -> None:
    call_command("seed_demo", "--people", "60", stdout=StringIO())

    last_year = Round.objects.get(name=HISTORY_ROUND_NAME)
    assert last_year.status == RoundStatus.CLOSED
    assert last_year.closes_on < timezone.localdate()
    run = MatchRun.objects.get(round=last_year)
    assert run.is_published and run.status == RunStatus.SUCCEEDED
    mentorships = Mentorship.objects.filter(round=last_year)
    assert mentorships.count() >= len(run.summary["mentee_ids"]) * 0.6
    for mentorship in mentorships:
        assert Suggestion.objects.filter(
            run=run, mentee=mentorship.mentee, mentor=mentorship.mentor, assigned=True
        ).exists()
        assert mentorship.request is not None
        assert mentorship.request.status == RequestStatus.ACCEPTED
    assert MentorshipRequest.objects.filter(round=last_year, status="declined").exists()
    assert not OutboxMessage.objects.filter(subject__contains=HISTORY_ROUND_NAME).exists()


@pytest.mark.django_db
def test_the_demo_mentee_still_has_the_questionnaire_to_do_and_the_mentor_has_done_it() -> None:
    call_command("seed_demo", "--people", "20", stdout=StringIO())

    mentee = User.objects.get(username="mentee")
    mentor = User.objects.get(username="mentor")
    assert not Response.objects.filter(user=mentee, status=ResponseStatus.SUBMITTED).exists()
    assert Response.objects.filter(user=mentor, status=ResponseStatus.SUBMITTED).exists()
    assert mentee.profile.department == mentor.profile.department
    assert set(mentee.profile.keywords) & set(mentor.profile.keywords)


@pytest.mark.django_db
def test_the_printed_demo_accounts_sign_in_with_the_printed_password(
    client: Client, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    out = StringIO()
    call_command("seed_demo", "--people", "10", stdout=out)
    printed = out.getvalue()

    assert DEMO_PASSWORD in printed
    for username in ("coordinator", "mentor", "mentee"):
        assert username in printed
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, f"{username} could not sign in"
        client.logout()
    assert User.objects.get(username="coordinator").is_coordinator


@pytest.mark.django_db
def test_reset_removes_the_demo_people_and_rounds_and_nothing_else() -> None:
    someone = make_user("Real", username="real.person", email="real@example.org", profile=False)
    call_command("seed_demo", "--people", "10", stdout=StringIO())

    call_command("seed_demo", "--reset", "--people", "5", stdout=StringIO())

    assert User.objects.filter(pk=someone.pk).exists()
    assert Round.objects.filter(name=CURRENT_ROUND_NAME).count() == 1
    assert Round.objects.filter(name=HISTORY_ROUND_NAME).count() == 1
    # 5 generated, the demo mentor and mentee, the coordinator and the admin.
    assert User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").count() == 9


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_seeded_round_is_ready_to_run_and_matches_most_mentees_within_their_field() -> None:
    call_command("seed_demo", "--people", "160", stdout=StringIO())
    round_ = Round.objects.get(name=CURRENT_ROUND_NAME)
    # Lexical affinity keeps the test quick; the demo itself uses the round's default.
    round_update(round=round_, actor=None, matching_settings={"affinity_method": "lexical"})

    run = match_run_start(round=round_, actor=User.objects.get(username="coordinator"))

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    mentees = run.summary["mentee_ids"]
    assert len(mentees) >= 30
    assert len(run.summary["unmatched_mentee_ids"]) <= len(mentees) * 0.2
    assigned = Suggestion.objects.filter(run=run, assigned=True).select_related(
        "mentee__profile", "mentor__profile"
    )
    same_field = [s for s in assigned if s.mentee.profile.department == s.mentor.profile.department]
    departments = Profile.objects.values("department").distinct().count()
    # Shared vocabulary makes colleagues match: far more often than the 1 in 16 of chance.
    assert len(same_field) / len(assigned) >= 4 / departments
    assert sum(bool(s.shared_topics) for s in assigned) >= len(assigned) * 0.9
