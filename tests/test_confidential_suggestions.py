"""Issue 9 item 2: no way out of the site tells anyone a mentor's confidential answers.

A mentee asked for a mentor of a particular gender and background (confidential questions of
the default questionnaire); the mentor's confidential answers meet both.  The suggestion that
pairs them records why ("Gender preference", "Shared background" in its preferences met, and
the ``gender_pref``/``background_pref`` parts of its score), and each of those reveals the
mentor's answers.  Only coordinators with ``view_confidential_answers`` may read them.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.matching.services import match_run_publish, match_run_start
from mentormatch.mentorships.models import MentorshipRequest
from mentormatch.notifications.testing import SmtpServer, text_and_html
from mentormatch.rounds.models import Round
from tests.factories import join, make_round, make_user, submit

pytestmark = pytest.mark.django_db

# What would give the mentor's confidential answers away: the labels of the criteria and the
# keys of their parts.
REVEALING = ("Gender preference", "Shared background", "gender_pref", "background_pref")


def revealed(body: str) -> list[str]:
    return [word for word in REVEALING if word in body]


@dataclass
class Published:
    round: Round
    run: MatchRun
    mentee: Any
    mentor: Any
    suggestion: Suggestion


@pytest.fixture
def published(
    coordinator: Any, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Any
) -> Published:
    round = make_round()
    mentee = make_user("Mina", mentee=True)
    join(round, mentee, "mentee")
    submit(round, mentee, "mentee", {"gender_pref": "woman", "background_pref": "urm"})
    mentor = make_user("Wanda", mentor=True, rank="Professor")
    join(round, mentor, "mentor", capacity=2)
    submit(round, mentor, "mentor", {"gender": "woman", "background": "urm"})
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(round=round, actor=coordinator)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    with django_capture_on_commit_callbacks(execute=True):
        match_run_publish(run=run, actor=coordinator)
    suggestion = Suggestion.objects.get(run=run)
    # The stored suggestion does carry the revealing reasons: what follows proves they stay in.
    assert {"Gender preference", "Shared background"} <= set(suggestion.preferences_met)
    assert {"gender_pref", "background_pref"} <= set(suggestion.parts)
    return Published(round, run, mentee, mentor, suggestion)


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode("utf-8-sig"))


def test_the_mentee_s_shortlist_and_choose_pages_keep_the_mentor_s_answers(
    published: Published,
) -> None:
    client = client_of(published.mentee)

    shortlist = page(client, reverse("mentorships:shortlist", args=[published.round.pk]))
    choose = page(
        client,
        reverse("mentorships:choose", args=[published.round.pk, published.suggestion.pk]),
    )

    assert published.mentor.display_name in shortlist
    assert "Mentoring areas" in shortlist  # a preference that rests on no confidential answer
    assert revealed(shortlist) == []
    assert published.mentor.display_name in choose
    assert revealed(choose) == []


def test_the_results_email_keeps_the_mentor_s_answers(
    published: Published, smtp_server: SmtpServer
) -> None:
    (message,) = smtp_server.to(published.mentee.email)
    text, html = text_and_html(message)

    assert published.mentor.display_name in text
    assert "Mentoring areas" in text
    assert revealed(text) == []
    assert revealed(html) == []


def test_the_mentee_s_data_download_keeps_the_mentor_s_answers(published: Published) -> None:
    response = client_of(published.mentee).get(reverse("privacy:my_data_download"))
    data = json.loads(response.content)

    shortlists = [v for k, v in _walk(data) if k == "your_shortlists"]
    assert shortlists and shortlists[0], "the download has the mentee's shortlist"
    (line,) = shortlists[0]
    assert line["mentor_id"] == published.mentor.pk
    assert "Mentoring areas" in line["preferences_met"]
    assert revealed(json.dumps(shortlists)) == []


def test_the_mentor_s_request_page_keeps_the_answers(published: Published) -> None:
    mentee = client_of(published.mentee)
    mentee.post(
        reverse("mentorships:choose", args=[published.round.pk, published.suggestion.pk]),
        {"message": "Hello"},
    )
    request = MentorshipRequest.objects.get(mentee=published.mentee)

    body = page(
        client_of(published.mentor), reverse("mentorships:request_detail", args=[request.pk])
    )

    assert published.mentee.display_name in body
    assert revealed(body) == []


def test_the_run_page_shows_the_confidential_reasons_only_to_coordinators_allowed_to_see_them(
    published: Published, coordinator: Any
) -> None:
    url = reverse("matching:run", args=[published.round.pk, published.run.pk])

    without = page(client_of(coordinator), url)
    allowed = make_user("Trusted", coordinator=True)
    allowed.user_permissions.add(Permission.objects.get(codename="view_confidential_answers"))
    with_permission = page(client_of(allowed), url)

    assert "Mentoring areas" in without
    assert revealed(without) == []
    assert "Gender preference" in with_permission
    assert "Shared background" in with_permission


def test_the_exports_keep_the_mentor_s_answers(published: Published, coordinator: Any) -> None:
    mentee = client_of(published.mentee)
    mentee.post(
        reverse("mentorships:choose", args=[published.round.pk, published.suggestion.pk]),
        {"message": "Hello"},
    )
    request = MentorshipRequest.objects.get(mentee=published.mentee)
    client_of(published.mentor).post(reverse("mentorships:request_accept", args=[request.pk]))
    client = client_of(coordinator)
    round_id = published.round.pk

    bodies = {
        "mentorships csv": client.get(reverse("mentorships:export_csv", args=[round_id])),
        **{
            f"{kind} {fmt}": client.get(reverse(f"reports:export_{kind}", args=[round_id, fmt]))
            for kind in ("matches", "participation")
            for fmt in ("csv", "xlsx")
        },
    }

    for name, response in bodies.items():
        assert response.status_code == 200, name
        body = _text_of(response.content)
        assert published.mentor.display_name in body or "participation" in name, name
        assert revealed(body) == [], name


def _text_of(content: bytes) -> str:
    if content[:2] == b"PK":  # an Excel workbook: the text is in its XML parts
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(book.read(n).decode("utf-8") for n in book.namelist())
    return content.decode("utf-8-sig")


def _walk(data: Any) -> list[tuple[str, Any]]:
    """Every (key, value) pair of a nested JSON document."""
    found: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((key, value))
            found += _walk(value)
    elif isinstance(data, list):
        for value in data:
            found += _walk(value)
    return found
