"""Directory sign-in against a real OpenLDAP slapd on loopback (see ldap_server.py)."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from mentormatch.accounts.access import can_view_confidential
from mentormatch.accounts.models import AuthSource, User
from mentormatch.accounts.tests import ldap_server
from mentormatch.accounts.tests.conftest import DN_TEMPLATE_ENV
from mentormatch.directory.models import Profile
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def sign_in(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def signed_in_user(client: Client) -> User | None:
    response = client.get(reverse("home:home"))
    if response.status_code != 200:
        return None
    return response.wsgi_request.user  # type: ignore[return-value]


def test_the_right_directory_password_signs_in_and_creates_the_account(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    response = sign_in(client, "ben", ldap_server.password_for("ben"))

    assert response.status_code == 302
    assert response.url == reverse("home:home")
    user = User.objects.get(username="ben")
    assert signed_in_user(client) == user
    assert (user.first_name, user.last_name, user.email) == ("Ben", "Okafor", "ben@example.edu")
    assert user.auth_source == AuthSource.LDAP
    assert not user.has_usable_password()
    profile = Profile.objects.get(user=user)
    assert profile.department == "Surgery"
    assert profile.rank == "Associate Professor"  # "associate professor" in the directory
    assert profile.person_id == "E0002"


def test_a_wrong_password_gets_a_clear_message_and_no_session(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    response = sign_in(client, "ben", "not-his-password")

    assert response.status_code == 200
    assert "That username and password do not match" in page_text(response)
    assert signed_in_user(client) is None
    assert not User.objects.filter(username="ben").exists()


def test_an_unknown_username_gets_the_same_message_as_a_wrong_password(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    response = sign_in(client, "nobody", "whatever-1")

    assert "That username and password do not match" in page_text(response)


def test_a_disabled_directory_account_is_refused_with_a_clear_message(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    response = sign_in(client, "cam", ldap_server.password_for("cam"))

    assert response.status_code == 200
    assert "This account is disabled" in page_text(response)
    assert signed_in_user(client) is None
    assert User.objects.get(username="cam").is_active is False


def test_the_directory_being_down_gives_a_clear_message_and_no_server_error(
    client: Client, configure_ldap: Callable[[dict[str, str]], None]
) -> None:
    configure_ldap({"MENTORMATCH_LDAP_URIS": ldap_server.closed_port_uri(), **DN_TEMPLATE_ENV})

    response = sign_in(client, "ben", ldap_server.password_for("ben"))

    assert response.status_code == 200
    body = page_text(response)
    assert "could not reach your institution's directory" in body
    assert "do not match" not in body
    assert signed_in_user(client) is None


def test_sign_in_fails_over_to_the_next_directory_server(
    client: Client,
    slapd: ldap_server.LdapServer,
    configure_ldap: Callable[[dict[str, str]], None],
) -> None:
    configure_ldap(
        {
            "MENTORMATCH_LDAP_URIS": f"{ldap_server.closed_port_uri()},{slapd.uri}",
            **DN_TEMPLATE_ENV,
        }
    )

    response = sign_in(client, "dee", ldap_server.password_for("dee"))

    assert response.status_code == 302
    assert signed_in_user(client) == User.objects.get(username="dee")


def test_a_service_account_search_over_starttls_finds_and_signs_in_the_person(
    client: Client,
    slapd: ldap_server.LdapServer,
    configure_ldap: Callable[[dict[str, str]], None],
) -> None:
    env = {k: v for k, v in DN_TEMPLATE_ENV.items() if k != "MENTORMATCH_LDAP_BIND_DN_TEMPLATE"}
    configure_ldap(
        {
            **env,
            "MENTORMATCH_LDAP_URIS": slapd.uri,
            "MENTORMATCH_LDAP_START_TLS": "true",
            "MENTORMATCH_LDAP_CA_FILE": str(slapd.ca_file),
            "MENTORMATCH_LDAP_BIND_DN": f"cn=mentormatch,ou=services,{ldap_server.BASE_DN}",
            "MENTORMATCH_LDAP_BIND_PASSWORD": "service-pass-1",
            "MENTORMATCH_LDAP_USER_SEARCH_BASE": f"ou=people,{ldap_server.BASE_DN}",
            "MENTORMATCH_LDAP_USER_FILTER": "(uid=%(user)s)",
        }
    )

    assert sign_in(client, "ada", ldap_server.password_for("ada")).status_code == 302
    assert signed_in_user(client) == User.objects.get(username="ada")
    assert "do not match" in page_text(sign_in(Client(), "ada", "wrong-password"))


def test_ldaps_with_the_institution_ca_signs_in(
    client: Client,
    slapd: ldap_server.LdapServer,
    configure_ldap: Callable[[dict[str, str]], None],
) -> None:
    configure_ldap(
        {
            **DN_TEMPLATE_ENV,
            "MENTORMATCH_LDAP_URIS": slapd.ldaps_uri,
            "MENTORMATCH_LDAP_CA_FILE": str(slapd.ca_file),
        }
    )

    assert sign_in(client, "dee", ldap_server.password_for("dee")).status_code == 302


def test_a_server_certificate_from_an_unknown_ca_counts_as_the_directory_being_down(
    client: Client,
    slapd: ldap_server.LdapServer,
    configure_ldap: Callable[[dict[str, str]], None],
    tmp_path: Path,
) -> None:
    from mentormatch.accounts.tests.saml_server import self_signed

    _, other_ca = self_signed(tmp_path, "other-ca")
    configure_ldap(
        {
            **DN_TEMPLATE_ENV,
            "MENTORMATCH_LDAP_URIS": slapd.ldaps_uri,
            "MENTORMATCH_LDAP_CA_FILE": str(other_ca),
        }
    )

    response = sign_in(client, "dee", ldap_server.password_for("dee"))

    assert response.status_code == 200
    assert "could not reach your institution's directory" in page_text(response)


def test_group_membership_sets_coordinator_mentor_and_confidential_roles(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    sign_in(client, "ada", ldap_server.password_for("ada"))
    sign_in(Client(), "dee", ldap_server.password_for("dee"))

    ada = User.objects.get(username="ada")
    dee = User.objects.get(username="dee")
    assert ada.is_coordinator and not ada.is_mentor
    assert can_view_confidential(ada)
    assert not dee.is_coordinator and not dee.is_mentor
    assert dee.is_mentee
    assert not can_view_confidential(dee)


def test_roles_and_attributes_are_refreshed_at_each_sign_in(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    dee = User.objects.create_user(
        "dee",
        email="old@example.edu",
        is_coordinator=True,
        last_name="Old",
        auth_source=AuthSource.LDAP,
        external_id="ldap:E0004",
    )

    sign_in(client, "dee", ldap_server.password_for("dee"))

    dee.refresh_from_db()
    assert not dee.is_coordinator  # not in the coordinators group any more
    assert dee.last_name == "Nakamura"
    assert dee.email == "dee@example.edu"
    assert User.objects.filter(username__iexact="dee").count() == 1


def test_a_person_imported_before_is_linked_by_email_not_duplicated(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    imported = make_user(
        "",
        username="dnakamura-import",
        email="DEE@example.edu",
        last_name="",
        auth_source=AuthSource.IMPORT,
        person_id="hr-77",
        department="",
        rank="",
        interests="Imaging",
    )

    sign_in(client, "dee", ldap_server.password_for("dee"))

    assert User.objects.count() == 1
    imported.refresh_from_db()
    assert imported.username == "dee"
    assert imported.auth_source == AuthSource.LDAP
    assert signed_in_user(client) == imported
    profile = Profile.objects.get(user=imported)
    assert (profile.person_id, profile.interests, profile.department) == (
        "hr-77",
        "Imaging",
        "Radiology",
    )


def test_a_wrong_service_account_password_is_reported_apart_from_a_server_that_is_down(
    client: Client,
    slapd: ldap_server.LdapServer,
    configure_ldap: Callable[[dict[str, str]], None],
) -> None:
    env = {k: v for k, v in DN_TEMPLATE_ENV.items() if k != "MENTORMATCH_LDAP_BIND_DN_TEMPLATE"}
    configure_ldap(
        {
            **env,
            "MENTORMATCH_LDAP_URIS": slapd.uri,
            "MENTORMATCH_LDAP_BIND_DN": f"cn=mentormatch,ou=services,{ldap_server.BASE_DN}",
            "MENTORMATCH_LDAP_BIND_PASSWORD": "not-the-service-password",
            "MENTORMATCH_LDAP_USER_SEARCH_BASE": f"ou=people,{ldap_server.BASE_DN}",
        }
    )

    body = page_text(sign_in(client, "ada", ldap_server.password_for("ada")))

    assert "refused MentorMatch's own service account" in body
    assert "could not reach" not in body
    assert "do not match" not in body
