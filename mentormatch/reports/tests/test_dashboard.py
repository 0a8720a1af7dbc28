"""The round dashboard: what a coordinator reads about a round, and who may read it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from mentormatch.accounts.models import User
from mentormatch.questionnaire.models import Question
from mentormatch.rounds.models import Round
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


def _row(html: str, caption: str, label: str) -> list[str]:
    table = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    found = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', table, re.S)
    assert found, f"no row {label!r} under {caption!r}"
    return re.sub(r"<[^>]+>", " ", found.group(1)).split()


def _round_with_people() -> tuple[Round, User, list[User], list[User]]:
    round_ = make_round("Spring 2027", questionnaire=False)
    coordinator = make_user("Dora", last_name="E", coordinator=True, profile=False)
    mentors = [
        make_user("Mentor", last_name=str(i), mentor=True, rank="Professor") for i in range(3)
    ]
    for mentor in mentors:
        join(round_, mentor, "mentor", capacity=2)
        submit(round_, mentor, "mentor")
    mentees = [
        make_user(
            "Mentee", last_name=str(i), mentee=True, department="Cardiology" if i < 6 else "Surgery"
        )
        for i in range(8)
    ]
    for mentee in mentees:
        join(round_, mentee, "mentee")
    for mentee in mentees[:7]:
        submit(round_, mentee, "mentee")
    publish_run(round_, {m: [(mentors[0], 0.9), (mentors[1], 0.5)] for m in mentees[:7]})
    make_mentorship(round_, mentees[0], mentors[0])
    make_mentorship(round_, mentees[1], mentors[0])
    make_mentorship(round_, mentees[2], mentors[1])
    make_request(round_, mentees[3], mentors[2])
    return round_, coordinator, mentors, mentees


def test_the_dashboard_shows_the_participation_funnel(client: Client) -> None:
    round_, coordinator, _, _ = _round_with_people()
    client.force_login(coordinator)

    html = client.get(f"/reports/rounds/{round_.pk}/").content.decode()

    caption = "Mentees at each step"
    assert _row(html, caption, "Invited") == ["8"]
    assert _row(html, caption, "Questionnaire done") == ["7"]
    assert _row(html, caption, "Shortlisted") == ["7"]
    assert _row(html, caption, "Requested a mentor") == ["4"]
    assert _row(html, caption, "Confirmed") == ["3"]
    assert _row(html, "Mentors and their places", "Places offered") == ["6"]
    assert _row(html, "Mentors and their places", "Places taken") == ["3"]


def test_each_chart_is_an_image_with_a_name_and_a_table_beside_it(client: Client) -> None:
    round_, coordinator, _, _ = _round_with_people()
    client.force_login(coordinator)

    html = client.get(f"/reports/rounds/{round_.pk}/").content.decode()

    charts = re.findall(
        r'<svg class="chart" id="([^"]+)" role="img" aria-labelledby="([^"]+)"', html
    )
    assert {c[0] for c in charts} == {
        "chart-mentee-funnel",
        "chart-mentor-funnel",
        "chart-scores",
        "chart-load",
        "chart-time",
    }
    for chart_id, labelledby in charts:
        assert labelledby == f"{chart_id}-title {chart_id}-desc"
        assert f'<title id="{chart_id}-title">' in html
    assert html.count("<caption>") >= len(charts)
    assert "<script" not in html.split("</head>", 1)[1]


def test_mentor_load_unmatched_and_waiting_lists_name_the_right_people(client: Client) -> None:
    round_, coordinator, _, _ = _round_with_people()
    client.force_login(coordinator)

    html = client.get(f"/reports/rounds/{round_.pk}/").content.decode()

    assert _row(html, "Mentors by number of mentees", "2 mentees") == ["1"]
    assert _row(html, "Mentors by number of mentees", "1 mentee") == ["1"]
    assert _row(html, "Mentors by number of mentees", "0 mentees") == ["1"]
    waiting = _row(html, "Requests waiting for the mentor's answer (1)", "Mentee 3")
    assert waiting[:2] == ["Mentor", "2"]
    unmatched = "Mentees not matched yet (5)"
    assert _row(html, unmatched, "Mentee 7") == ["Surgery", "Questionnaire", "not", "started"]
    assert _row(html, unmatched, "Mentee 4") == [
        "Cardiology",
        "Has",
        "not",
        "chosen",
        "a",
        "mentor",
        "yet",
    ]
    assert "Mentee 0</th>" not in html.split(unmatched, 1)[1].split("</table>", 1)[0]


def test_groups_of_fewer_than_five_are_not_shown(client: Client) -> None:
    round_, coordinator, _, _ = _round_with_people()
    client.force_login(coordinator)

    html = client.get(f"/reports/rounds/{round_.pk}/").content.decode()

    # Six mentees in Cardiology (three matched), two in Surgery: Surgery is withheld, and so
    # Cardiology is too (the total would give Surgery away).
    assert _row(html, "Department", "Surgery") == ["fewer", "than", "5"]
    assert _row(html, "Department", "Cardiology") == [
        "not",
        "shown,",
        "to",
        "protect",
        "a",
        "smaller",
        "group",
    ]
    assert _row(html, "Rank", "Assistant Professor") == ["8", "3", "38%"]


def test_confidential_answers_appear_only_as_counts_of_large_groups(client: Client) -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    coordinator = make_user("Dora", last_name="E", coordinator=True, profile=False)
    Question.objects.create(
        round=round_,
        key="gender",
        text="Your gender",
        kind="single",
        audience="mentee",
        confidential=True,
        choices=[
            {"value": "woman", "label": "Woman"},
            {"value": "man", "label": "Man"},
            {"value": "nonbinary", "label": "Non-binary"},
        ],
    )
    answers = ["woman"] * 6 + ["man"] * 5 + ["nonbinary"] * 1
    for i, answer in enumerate(answers):
        mentee = make_user("Mentee", last_name=str(i), mentee=True)
        join(round_, mentee, "mentee")
        submit(round_, mentee, "mentee", {"gender": answer})
    client.force_login(coordinator)

    html = client.get(f"/reports/rounds/{round_.pk}/").content.decode()

    caption = "Gender (from confidential answers)"
    assert _row(html, caption, "Non-binary") == ["fewer", "than", "5"]
    assert _row(html, caption, "Man") == ["not", "shown,", "to", "protect", "a", "smaller", "group"]
    assert _row(html, caption, "Woman") == ["6", "0", "0%"]


def test_only_coordinators_may_open_a_dashboard(client: Client) -> None:
    round_, _, mentors, mentees = _round_with_people()

    assert client.get(f"/reports/rounds/{round_.pk}/").status_code == 302
    client.force_login(mentees[0])
    assert client.get(f"/reports/rounds/{round_.pk}/").status_code == 403
    client.force_login(mentors[0])
    assert client.get("/reports/").status_code == 403


def test_a_dashboard_of_a_round_that_does_not_exist_is_not_found(client: Client) -> None:
    client.force_login(make_user("Dora", last_name="E", coordinator=True))

    assert client.get("/reports/rounds/999/").status_code == 404


def test_an_empty_round_has_a_dashboard_that_says_so(client: Client) -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    client.force_login(make_user("Dora", last_name="E", coordinator=True))

    html = client.get(f"/reports/rounds/{round_.pk}/").content.decode()

    assert "No mentorships yet." in html
    assert "Matching has not run yet." in html
    assert "Gender:</strong> this round does not ask mentees" in html
    assert _row(html, "Mentees at each step", "Invited") == ["0"]
