"""Issue 9, item 7: every refusal is the site's own page, never a bare "403 Forbidden" or a
server error."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied

from mentormatch.accounts.models import User
from mentormatch.home.models import InfoPage

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_a_refused_permission_is_the_friendly_page() -> None:
    request = RequestFactory().get("/reports/rounds/1/")
    request.user = User.objects.create_user("pat")

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert "You cannot open this page" in text(response)
    assert "Back to your home page" in text(response)


def test_a_form_sent_without_its_security_token_gets_the_friendly_page() -> None:
    InfoPage.objects.create(slug="about-us", title="About us", body="Hello")
    coordinator = User.objects.create_user("cora", is_coordinator=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    response = client.post(
        reverse("home:info_edit", args=["about-us"]), {"title": "Hacked", "body": "x"}
    )

    assert response.status_code == 403
    assert "This form could not be sent" in text(response)
    assert InfoPage.objects.get(slug="about-us").title == "About us"


def test_a_missing_round_report_is_the_friendly_not_found_page(client: Client) -> None:
    client.force_login(User.objects.create_user("cora", is_coordinator=True))

    response = client.get(reverse("reports:dashboard", args=[999999]))

    assert response.status_code == 404
    assert "There is no such page" in text(response)


def test_a_nul_character_in_the_audit_filter_is_a_bad_request_not_a_server_error(
    admin_client: Client,
) -> None:
    response = admin_client.get("/admin/audit/auditevent/?action=%00")

    assert response.status_code == 400
    assert "could not be understood" in text(response)
    assert admin_client.get("/admin/audit/auditevent/?action=round.open").status_code == 200
