"""Local accounts, throttling and lock-out, and the sign-in page's security headers."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from mentormatch.accounts.models import User
from mentormatch.audit.models import AuditEvent
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough local password 7"


@pytest.fixture
def local_user(db: None) -> User:
    return make_user(
        "Admin", username="admin-local", password=PASSWORD, coordinator=True, profile=False
    )


def sign_in(client: Client, username: str, password: str, ip: str = "192.0.2.10"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_local_account_signs_in_with_its_password(client: Client, local_user: User) -> None:
    response = sign_in(client, "admin-local", PASSWORD)

    assert response.status_code == 302
    assert client.get(reverse("home:home")).wsgi_request.user == local_user


def test_local_accounts_can_be_switched_off(
    client: Client, local_user: User, settings: object
) -> None:
    settings.MENTORMATCH_LOCAL_ACCOUNTS = False  # type: ignore[attr-defined]

    page = client.get(reverse("accounts:login"))
    response = sign_in(client, "admin-local", PASSWORD)

    assert 'type="password"' not in page.content.decode()
    assert response.status_code == 404
    assert client.get(reverse("home:home")).status_code == 302  # still signed out


def test_repeated_failures_pause_the_account_from_that_address_even_with_the_right_password(
    client: Client, local_user: User, settings: object
) -> None:
    settings.MENTORMATCH_SIGNIN_THROTTLE = {  # type: ignore[attr-defined]
        "MAX_FAILURES_PER_ACCOUNT": 3,
        "MAX_FAILURES_PER_ADDRESS": 100,
        "LOCKOUT_MINUTES": 15,
    }
    for attempt in range(3):
        assert "do not match" in text(sign_in(client, "admin-local", f"wrong {attempt}"))

    response = sign_in(client, "admin-local", PASSWORD)

    assert response.status_code == 200
    assert "Too many failed sign-in attempts for this account" in text(response)
    assert "locked for 15 minutes" in text(response)
    assert client.get(reverse("home:home")).status_code == 302
    lockouts = AuditEvent.objects.filter(action="account.lockout")
    assert [e.details["reason"] for e in lockouts] == ["account"]


def test_a_strangers_failures_do_not_lock_the_owner_out_from_another_address(
    local_user: User,
) -> None:
    """Five anonymous tries at the break-glass administrator (the default limit) pause the
    stranger's address for that account, never the administrator at their own desk."""
    for attempt in range(5):
        sign_in(Client(), "admin-local", f"guess {attempt}", ip="203.0.113.66")

    stranger = sign_in(Client(), "admin-local", PASSWORD, ip="203.0.113.66")
    owner = sign_in(Client(), "admin-local", PASSWORD, ip="192.0.2.10")

    assert "Too many failed sign-in attempts" in text(stranger)
    assert owner.status_code == 302


def test_repeated_failures_from_one_address_pause_it_for_every_account(
    client: Client, local_user: User, settings: object
) -> None:
    settings.MENTORMATCH_SIGNIN_THROTTLE = {  # type: ignore[attr-defined]
        "MAX_FAILURES_PER_ACCOUNT": 100,
        "MAX_FAILURES_PER_ADDRESS": 4,
        "LOCKOUT_MINUTES": 10,
    }
    for n in range(4):
        sign_in(client, f"guess{n}", "guess", ip="203.0.113.9")

    blocked = sign_in(client, "admin-local", PASSWORD, ip="203.0.113.9")
    elsewhere = sign_in(Client(), "admin-local", PASSWORD, ip="192.0.2.44")

    assert "Too many failed sign-in attempts from your network address" in text(blocked)
    assert elsewhere.status_code == 302


def test_a_successful_sign_in_clears_the_account_failures(
    client: Client, local_user: User, settings: object
) -> None:
    settings.MENTORMATCH_SIGNIN_THROTTLE = {  # type: ignore[attr-defined]
        "MAX_FAILURES_PER_ACCOUNT": 3,
        "MAX_FAILURES_PER_ADDRESS": 100,
        "LOCKOUT_MINUTES": 15,
    }
    sign_in(client, "admin-local", "wrong 1")
    sign_in(client, "admin-local", "wrong 2")
    assert sign_in(client, "admin-local", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    sign_in(client, "admin-local", "wrong 3")
    sign_in(client, "admin-local", "wrong 4")

    assert sign_in(client, "admin-local", PASSWORD).status_code == 302


def test_an_inactive_local_account_cannot_sign_in(client: Client, local_user: User) -> None:
    local_user.is_active = False
    local_user.save()

    response = sign_in(client, "admin-local", PASSWORD)

    assert response.status_code == 200
    assert client.get(reverse("home:home")).status_code == 302


def test_the_sign_in_form_needs_a_csrf_token(local_user: User) -> None:
    client = Client(enforce_csrf_checks=True)

    response = sign_in(client, "admin-local", PASSWORD)

    assert response.status_code == 403


def test_pages_carry_a_content_security_policy_without_inline_script(client: Client) -> None:
    response = client.get(reverse("accounts:login"))

    policy = response["Content-Security-Policy"]
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert "<script>" not in response.content.decode()
    assert " on" + "click=" not in response.content.decode()


def test_the_session_cookie_is_http_only_and_same_site(client: Client, local_user: User) -> None:
    response = sign_in(client, "admin-local", PASSWORD)

    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_the_sso_pages_are_not_found_while_single_sign_on_is_off(client: Client) -> None:
    assert client.get("/saml2/login/").status_code == 404
    assert client.get("/saml2/metadata/").status_code == 404


def test_the_admin_sign_in_is_throttled_too(
    client: Client, local_user: User, settings: object
) -> None:
    settings.MENTORMATCH_SIGNIN_THROTTLE = {  # type: ignore[attr-defined]
        "MAX_FAILURES_PER_ACCOUNT": 2,
        "MAX_FAILURES_PER_ADDRESS": 100,
        "LOCKOUT_MINUTES": 15,
    }
    local_user.is_staff = True
    local_user.save()
    url = reverse("admin:login")
    for attempt in range(2):
        client.post(url, {"username": "admin-local", "password": f"wrong {attempt}"})

    response = client.post(url, {"username": "admin-local", "password": PASSWORD})

    assert response.status_code == 200
    assert "Too many failed sign-in attempts for this account" in text(response)


def test_the_admin_sign_in_is_for_staff_only(client: Client, local_user: User) -> None:
    response = client.post(
        reverse("admin:login"), {"username": "admin-local", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302
