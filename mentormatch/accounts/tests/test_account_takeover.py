"""Issue 9, item 1: a directory or SSO sign-in never takes over an account it did not create.

Against the real slapd (and the real SAML identity provider): a break-glass superuser and a
directory person share a username; the person's own directory password must not give them
the superuser, change it, or stop its local password working."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mentormatch.accounts.models import AuthSource, User
from mentormatch.accounts.tests import ldap_server
from mentormatch.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOCAL_PASSWORD = "break-glass password for ben 42"


def sign_in(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def break_glass_ben(db: None) -> User:
    """``createsuperuser`` made ``ben`` before anyone knew the directory has a ``uid=ben``."""
    return User.objects.create_superuser(
        "ben", email="it-admin@example.edu", password=LOCAL_PASSWORD, first_name="IT"
    )


def test_a_directory_person_cannot_take_over_a_superuser_with_the_same_username(
    client: Client, directory_signin: ldap_server.LdapServer, break_glass_ben: User
) -> None:
    response = sign_in(client, "ben", ldap_server.password_for("ben"))

    assert response.status_code == 200
    assert "was not created by it" in text(response)
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in
    break_glass_ben.refresh_from_db()
    assert (break_glass_ben.email, break_glass_ben.first_name) == ("it-admin@example.edu", "IT")
    assert break_glass_ben.auth_source == AuthSource.LOCAL
    assert break_glass_ben.external_id == ""
    refusal = AuditEvent.objects.get(action="account.signin_refused")
    assert refusal.object_id == str(break_glass_ben.pk)
    assert refusal.details["source"] == "ldap"
    # The clash is not a wrong password: nothing was counted against the account.
    assert "do not match" not in text(response)


def test_the_local_password_of_the_clashing_superuser_still_works(
    client: Client, directory_signin: ldap_server.LdapServer, break_glass_ben: User
) -> None:
    sign_in(Client(), "ben", ldap_server.password_for("ben"))

    assert sign_in(client, "ben", LOCAL_PASSWORD).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_local_participant_account_is_not_taken_over_either(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    local = User.objects.create_user("dee", email="someone-else@example.edu", is_mentee=True)

    response = sign_in(client, "dee", ldap_server.password_for("dee"))

    assert "was not created by it" in text(response)
    local.refresh_from_db()
    assert local.email == "someone-else@example.edu"
    assert client.get(reverse("home:home")).status_code == 302


def test_an_account_the_administrator_linked_on_purpose_signs_in(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    # Dee's employeeNumber in the test directory is E0004 (the person-id attribute).
    linked = User.objects.create_user("dnakamura", external_id="ldap:E0004")

    assert sign_in(client, "dee", ldap_server.password_for("dee")).status_code == 302

    linked.refresh_from_db()
    assert linked.username == "dee"
    assert linked.auth_source == AuthSource.LDAP
    assert User.objects.count() == 1


def test_a_staff_account_is_never_reached_through_the_directory_even_when_linked(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    User.objects.create_user("dee", is_staff=True, external_id="ldap:E0004")

    response = sign_in(client, "dee", ldap_server.password_for("dee"))

    assert "was not created by it" in text(response)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_account_follows_the_directory_id_not_the_username(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    """A username the directory reuses for somebody new does not open the old account."""
    User.objects.create_user("dee", auth_source=AuthSource.LDAP, external_id="ldap:E9999")

    response = sign_in(client, "dee", ldap_server.password_for("dee"))

    assert "was not created by it" in text(response)
    assert client.get(reverse("home:home")).status_code == 302


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_single_sign_on_cannot_take_over_a_superuser_with_the_same_username(
    live_server: Any, sso_signin: Any
) -> None:
    from mentormatch.accounts.tests.test_sso_signin import sso_sign_in

    admin = User.objects.create_superuser("erin", email="it@example.edu", password=LOCAL_PASSWORD)

    browser, page = sso_sign_in(live_server, "erin", "erin-pass-1")

    assert page.status_code == 403
    assert "was not created by it" in html.unescape(page.text)
    assert browser.get(f"{live_server.url}/admin/", timeout=30).url.startswith(
        f"{live_server.url}/admin/login/"
    )
    admin.refresh_from_db()
    assert (admin.email, admin.auth_source) == ("it@example.edu", AuthSource.LOCAL)
    assert AuditEvent.objects.filter(action="account.signin_refused").exists()
