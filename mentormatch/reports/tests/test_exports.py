"""Exports of matches and participation: right rows, safe in a spreadsheet, recorded."""

from __future__ import annotations

import csv
import io

import pytest
from django.http.response import HttpResponseBase
from django.test import Client
from openpyxl import load_workbook

from mentormatch.accounts.models import User
from mentormatch.audit.models import AuditEvent
from mentormatch.core.exports import csv_safe
from mentormatch.rounds.models import Round
from tests.factories import join, make_mentorship, make_round, make_user, publish_run, submit

pytestmark = pytest.mark.django_db


def _matched_round() -> tuple[Round, User]:
    round_ = make_round("Spring 2027", questionnaire=False)
    coordinator = make_user("Dora", last_name="E", coordinator=True, profile=False)
    mentor = make_user("Bruno", last_name="Costa", mentor=True, department='=HYPERLINK("http://x")')
    mentee = make_user("Ana", last_name="Lima", mentee=True, department="Cardiology")
    waiting = make_user("Carla", last_name="Dias", mentee=True, profile=False)
    join(round_, mentor, "mentor", capacity=2)
    join(round_, mentee, "mentee")
    join(round_, waiting, "mentee")
    submit(round_, mentee, "mentee")
    publish_run(round_, {mentee: [(mentor, 0.8125)]})
    make_mentorship(round_, mentee, mentor)
    return round_, coordinator


def _csv(response: HttpResponseBase) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text)))


def test_the_matches_csv_lists_each_pair_with_its_score(client: Client) -> None:
    round_, coordinator = _matched_round()
    client.force_login(coordinator)

    response = client.get(f"/reports/rounds/{round_.pk}/matches.csv")

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert len(rows) == 1
    assert rows[0]["Mentee"] == "Ana Lima"
    assert rows[0]["Mentor"] == "Bruno Costa"
    assert rows[0]["Score"] == "0.8125"
    assert rows[0]["Shortlist position"] == "1"
    assert rows[0]["How matched"] == "Mentee's request"


def test_a_cell_that_looks_like_a_formula_is_defused_in_csv(client: Client) -> None:
    round_, coordinator = _matched_round()
    client.force_login(coordinator)

    rows = _csv(client.get(f"/reports/rounds/{round_.pk}/matches.csv"))

    assert rows[0]["Mentor department"] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_defused(value: str) -> None:
    assert csv_safe(value) == "'" + value
    assert csv_safe(-1) == -1


def test_the_participation_excel_file_has_one_row_a_person(client: Client) -> None:
    round_, coordinator = _matched_round()
    client.force_login(coordinator)

    response = client.get(f"/reports/rounds/{round_.pk}/participation.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    people = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(people) == {"Ana Lima", "Carla Dias", "Bruno Costa"}
    assert people["Ana Lima"]["Matched"] == "yes"
    assert people["Ana Lima"]["Matched with"] == "Bruno Costa"
    assert people["Ana Lima"]["Questionnaire"] == "submitted"
    assert people["Carla Dias"]["Profile complete"] == "no"
    assert people["Carla Dias"]["Shortlisted"] == "no"
    assert people["Bruno Costa"]["Role"] == "Mentor"
    assert people["Bruno Costa"]["Capacity"] == 2


def test_a_formula_in_excel_is_stored_as_plain_text(client: Client) -> None:
    round_, coordinator = _matched_round()
    client.force_login(coordinator)

    response = client.get(f"/reports/rounds/{round_.pk}/matches.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Mentor department") + 1)
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_each_export_is_recorded_in_the_audit_log(client: Client) -> None:
    round_, coordinator = _matched_round()
    client.force_login(coordinator)

    client.get(f"/reports/rounds/{round_.pk}/matches.xlsx")
    client.get(f"/reports/rounds/{round_.pk}/participation.csv")

    events = AuditEvent.objects.order_by("id")
    assert [e.action for e in events] == ["reports.export_matches", "reports.export_participation"]
    assert all(e.actor == coordinator and e.round_id == round_.pk for e in events)
    assert events[1].details == {"format": "csv", "rows": 3}


def test_participants_cannot_export_and_unknown_formats_are_not_found(client: Client) -> None:
    round_, coordinator = _matched_round()
    client.force_login(make_user("Eve", last_name="F", mentee=True))
    assert client.get(f"/reports/rounds/{round_.pk}/matches.csv").status_code == 403
    client.force_login(coordinator)
    assert client.get(f"/reports/rounds/{round_.pk}/matches.pdf").status_code == 404
    assert not AuditEvent.objects.exists()


def test_the_matches_page_and_the_dashboard_export_the_same_matches(client: Client) -> None:
    round_, coordinator = _matched_round()
    client.force_login(coordinator)

    from_dashboard = _csv(client.get(f"/reports/rounds/{round_.pk}/matches.csv"))
    from_matches_page = _csv(client.get(f"/mentorships/coordinate/round/{round_.pk}/matches.csv"))
    workbook = client.get(f"/reports/rounds/{round_.pk}/matches.xlsx")

    assert from_matches_page == from_dashboard
    assert list(from_dashboard[0]) == [
        "Round",
        "Mentee",
        "Mentee e-mail",
        "Mentee department",
        "Mentor",
        "Mentor e-mail",
        "Mentor department",
        "How matched",
        "Status",
        "Started",
        "Ended",
        "Score",
        "Shortlist position",
    ]
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert [cell.value for cell in sheet[1]] == list(from_dashboard[0])
    assert from_dashboard[0]["Round"] == round_.name
