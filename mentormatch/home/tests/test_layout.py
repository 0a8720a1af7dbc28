"""What every page shares: landmarks, a skip link, the current page marked in the menu."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_menu_marks_the_page_shown_and_only_that_one(client: Client) -> None:
    client.force_login(make_user("Ana", last_name="Lima", mentee=True))

    html = client.get("/about/why-it-matters/").content.decode()

    assert '<a href="/about/" aria-current="page">About the programme</a>' in html
    assert html.count('aria-current="page"') == 1
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav aria-label="Main">' in html


def test_a_signed_out_visitor_is_offered_the_programme_pages_and_sign_in(client: Client) -> None:
    html = client.get("/about/").content.decode()

    assert '<a href="/accounts/sign-in/">Sign in</a>' in html
    assert "Signed in as" not in html


def test_pages_carry_no_inline_script(client: Client) -> None:
    client.force_login(make_user("Dora", last_name="E", coordinator=True))

    for path in ("/", "/about/", "/about/add/", "/reports/"):
        html = client.get(path).content.decode()
        assert "<script>" not in html and " onclick=" not in html, path
