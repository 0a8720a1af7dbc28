"""The programme's information pages: readable by anyone, edited by coordinators only."""

from __future__ import annotations

import pytest
from django.test import Client

from mentormatch.audit.models import AuditEvent
from mentormatch.home.info_defaults import install_default_pages
from mentormatch.home.models import InfoPage
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_default_pages_explain_mentoring_to_a_signed_out_visitor(client: Client) -> None:
    html = client.get("/about/").content.decode()

    for title in (
        "What faculty mentoring is",
        "Why mentoring matters",
        "What mentees gain",
        "What mentors gain",
        "What the institution gains",
        "Guides and further reading",
    ):
        assert title in html
    page = client.get("/about/why-it-matters/").content.decode()
    assert "<h1>Why mentoring matters</h1>" in page
    assert page.count("<p>") >= 2


def test_a_page_body_is_shown_as_text_never_as_html(client: Client) -> None:
    InfoPage.objects.create(slug="x", title="X", body="<script>alert(1)</script>\n\nSecond")

    html = client.get("/about/x/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p>Second</p>" in html


def test_an_unpublished_page_is_hidden_from_everyone_but_coordinators(client: Client) -> None:
    InfoPage.objects.create(slug="draft", title="Draft page", body="Soon", published=False)
    coordinator = make_user("Dora", last_name="E", coordinator=True)

    assert client.get("/about/draft/").status_code == 404
    assert "Draft page" not in client.get("/about/").content.decode()
    client.force_login(coordinator)
    assert client.get("/about/draft/").status_code == 200


def test_a_coordinator_edits_a_page_and_the_edit_is_audited(client: Client) -> None:
    coordinator = make_user("Dora", last_name="E", coordinator=True)
    client.force_login(coordinator)

    response = client.post(
        "/about/why-it-matters/edit/",
        {
            "title": "Why it matters",
            "slug": "why-it-matters",
            "body": "New text",
            "position": 5,
            "published": "on",
        },
    )

    assert response.status_code == 302
    page = InfoPage.objects.get(slug="why-it-matters")
    assert (page.title, page.body, page.position) == ("Why it matters", "New text", 5)
    event = AuditEvent.objects.get(action="info_page.update")
    assert event.actor == coordinator
    assert sorted(event.details["changed"]) == ["body", "position", "title"]


def test_an_edit_with_errors_keeps_the_typed_text_and_points_at_the_field(client: Client) -> None:
    client.force_login(make_user("Dora", last_name="E", coordinator=True))

    response = client.post(
        "/about/why-it-matters/edit/",
        {"title": "", "slug": "why-it-matters", "body": "My long new text", "position": 1},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert 'href="#id_title"' in html
    assert 'aria-describedby="id_title-error"' in html
    assert 'aria-invalid="true"' in html
    assert "My long new text" in html
    assert InfoPage.objects.get(slug="why-it-matters").title == "Why mentoring matters"


def test_a_coordinator_adds_a_page(client: Client) -> None:
    client.force_login(make_user("Dora", last_name="E", coordinator=True))

    response = client.post(
        "/about/add/",
        {
            "title": "Contact us",
            "slug": "contact",
            "body": "Programme office",
            "position": 70,
            "published": "on",
        },
    )

    assert response["Location"] == "/about/contact/"
    assert "Contact us" in client.get("/about/").content.decode()
    assert AuditEvent.objects.filter(action="info_page.create").count() == 1


def test_a_participant_cannot_edit_pages(client: Client) -> None:
    client.force_login(make_user("Ana", last_name="Lima", mentee=True))

    assert client.get("/about/why-it-matters/edit/").status_code == 403
    assert client.post("/about/add/", {"title": "x"}).status_code == 403


def test_installing_the_default_pages_again_keeps_a_coordinators_edits() -> None:
    InfoPage.objects.filter(slug="guides").update(body="Our own guides")
    InfoPage.objects.filter(slug="why-it-matters").delete()

    created = install_default_pages(InfoPage)

    assert created == 1
    assert InfoPage.objects.get(slug="guides").body == "Our own guides"
    assert InfoPage.objects.filter(slug="why-it-matters").exists()
