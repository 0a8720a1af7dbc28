"""Every page that says where a participant stands says the same thing.

One round with a person at every stage; the home page (as each person), the coordinator's
round page, the dashboard, the unmatched list and the participation export are read as a
user would read them, and compared.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mentormatch.mentorships.models import RequestStatus
from mentormatch.mentorships.tests.every_stage import EveryStage, every_stage_round
from tests.factories import join, make_mentorship, make_request, make_user, submit

pytestmark = pytest.mark.django_db


def _text(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def _table(html: str, caption: str) -> str:
    return html.split(caption, 1)[1].split("</table>", 1)[0]


def _counts(html: str, caption: str) -> list[tuple[str, int]]:
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td[^>]*>(\d+)</td>', _table(html, caption))
    return [(_text(label), int(value)) for label, value in rows]


def _round_page_where(html: str) -> dict[str, str]:
    """Name → the "Where they stand" cell of the round page's participants tables."""
    out = {}
    for row in re.findall(r'<tr>\s*<th scope="row">.*?</tr>', html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        if len(cells) >= 5:
            out[_text(cells[0])] = _text(cells[4])
    return out


def _home_where(client: Client, world: EveryStage) -> dict[str, str]:
    out = {}
    for person in [*world.mentees.values(), *world.mentors.values()]:
        client.force_login(person)
        page = client.get("/").content.decode()
        found = re.search(r'<p class="where">Where you stand: <strong>(.*?)</strong>', page)
        assert found, person.username
        out[person.display_name] = html_lib.unescape(found.group(1))
    return out


def test_home_round_page_dashboard_unmatched_list_and_export_agree(client: Client) -> None:
    world = every_stage_round()
    round_id = world.round.pk
    home = _home_where(client, world)
    client.force_login(world.coordinator)

    round_page = client.get(f"/rounds/{round_id}/").content.decode()
    dashboard = client.get(f"/reports/rounds/{round_id}/").content.decode()
    unmatched_page = client.get(f"/mentorships/coordinate/round/{round_id}/unmatched/")
    export = client.get(f"/reports/rounds/{round_id}/participation.csv")
    exported = {
        row["Name"]: row for row in csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
    }

    on_round_page = _round_page_where(round_page)
    assert len(home) == 16
    for name, where in home.items():
        assert on_round_page[name] == where, name
        assert exported[name]["Where they stand"] == where, name
    assert exported["Waiting Mentee"]["Stage"] == "Request waiting"
    assert exported["Busy Mentor"]["Stage"] == "Matched"
    assert world.left is not None and world.left.display_name not in exported

    unmatched = dict(
        re.findall(
            r'<th scope="row">([^<]+)</th><td>[^<]*</td><td>([^<]+)</td>',
            _table(dashboard, "Mentees not matched yet"),
        )
    )
    unmatched = {html_lib.unescape(k): html_lib.unescape(v) for k, v in unmatched.items()}
    assert unmatched == {
        name: where
        for name, where in home.items()
        if exported[name]["Role"] == "Mentee" and exported[name]["Matched"] == "no"
    }
    assert len(unmatched) == 11
    unmatched_html = unmatched_page.content.decode()
    assert "11 mentees without a mentor" in _text(unmatched_html)
    listed = {}
    for row in re.findall(r"<tr>\s*<td>.*?</tr>", unmatched_html, re.S):
        cells = [_text(c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
        listed[cells[0]] = cells[2]
    assert listed == unmatched

    mentee_funnel = _counts(dashboard, "Mentees at each step")
    assert mentee_funnel == _counts(round_page, "Mentees at each stage")
    assert mentee_funnel == [
        ("Invited", 12),
        ("Profile complete", 11),
        ("Questionnaire done", 9),
        ("Shortlisted", 8),
        ("Requested a mentor", 6),
        ("Confirmed", 1),
    ]
    assert _counts(dashboard, "Mentors and their places") == _counts(
        round_page, "Mentors at each stage"
    )
    invited, confirmed = mentee_funnel[0][1], mentee_funnel[-1][1]
    assert invited - confirmed == len(unmatched)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_the_pages_that_list_participants_do_not_query_once_a_person(client: Client) -> None:
    world = every_stage_round()
    client.force_login(world.coordinator)
    urls = [
        f"/rounds/{world.round.pk}/",
        f"/reports/rounds/{world.round.pk}/",
        f"/mentorships/coordinate/round/{world.round.pk}/unmatched/",
        f"/reports/rounds/{world.round.pk}/participation.csv",
        f"/reports/rounds/{world.round.pk}/matches.csv",
    ]
    before = {url: _queries(client, url) for url in urls}

    mentor = world.mentors["busy"]
    for i in range(10):
        mentee = make_user(f"Extra{i}", last_name="Mentee", mentee=True)
        join(world.round, mentee, "mentee")
        submit(world.round, mentee, "mentee")
        if i % 2:
            make_request(world.round, mentee, mentor, RequestStatus.DECLINED)
        else:
            make_mentorship(world.round, mentee, mentor)

    assert {url: _queries(client, url) for url in urls} == before
