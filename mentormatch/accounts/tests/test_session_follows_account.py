"""Issue 9, item 3: sessions follow the account.

Against the real slapd: a person moved into the disabled group loses the session they have
open, and a removed coordinator group membership removes the role, within the configured
re-check interval (the test moves the session's last check back instead of sleeping)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse

from mentormatch.accounts.models import AuthSource, User
from mentormatch.accounts.sessions import CHECKED_AT
from mentormatch.accounts.tests import ldap_server
from mentormatch.accounts.tests.conftest import DN_TEMPLATE_ENV
from mentormatch.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SERVICE_ACCOUNT = {
    "MENTORMATCH_LDAP_BIND_DN": f"cn=mentormatch,ou=services,{ldap_server.BASE_DN}",
    "MENTORMATCH_LDAP_BIND_PASSWORD": "service-pass-1",
}


@pytest.fixture
def recheck_signin(
    slapd: ldap_server.LdapServer,
    configure_ldap: Callable[[dict[str, str]], None],
    settings: object,
) -> ldap_server.LdapServer:
    """Bind as the person at sign-in; the service account re-reads them every minute."""
    configure_ldap({"MENTORMATCH_LDAP_URIS": slapd.uri, **DN_TEMPLATE_ENV, **SERVICE_ACCOUNT})
    settings.MENTORMATCH_DIRECTORY_RECHECK_MINUTES = 1  # type: ignore[attr-defined]
    return slapd


@pytest.fixture
def membership(slapd: ldap_server.LdapServer) -> Iterator[Callable[[str, str, bool], None]]:
    """Change group membership in the real directory; put it back afterwards."""
    changes: list[tuple[str, str, bool]] = []

    def change(uid: str, group: str, member: bool) -> None:
        ldap_server.group_membership_set(slapd, uid, group, member=member)
        changes.append((uid, group, member))

    yield change
    for uid, group, member in reversed(changes):
        ldap_server.group_membership_set(slapd, uid, group, member=not member)


def sign_in(client: Client, username: str) -> None:
    response = client.post(
        reverse("accounts:login"),
        {"username": username, "password": ldap_server.password_for(username)},
    )
    assert response.status_code == 302, response.content.decode()[:500]


def interval_passes(client: Client, minutes: float = 1.5) -> None:
    session = client.session
    session[CHECKED_AT] = time.time() - minutes * 60
    session.save()


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("home:home")).status_code == 200


def test_a_person_moved_into_the_disabled_group_loses_their_open_session(
    client: Client, recheck_signin: ldap_server.LdapServer, membership: Callable[..., None]
) -> None:
    sign_in(client, "dee")
    membership("dee", "disabled", True)

    interval_passes(client, minutes=0.5)
    assert is_signed_in(client)  # within the interval nothing is asked

    interval_passes(client)
    assert not is_signed_in(client)
    assert not User.objects.get(username="dee").is_active


def test_a_removed_coordinator_group_membership_removes_the_role_within_the_interval(
    client: Client, recheck_signin: ldap_server.LdapServer, membership: Callable[..., None]
) -> None:
    sign_in(client, "ada")
    assert client.get(reverse("reports:index")).status_code == 200
    membership("ada", "coordinators", False)

    interval_passes(client)

    assert client.get(reverse("reports:index")).status_code == 403
    assert is_signed_in(client)  # still a participant, just not a coordinator
    assert not User.objects.get(username="ada").is_coordinator


def test_a_directory_that_cannot_be_reached_keeps_the_session(
    client: Client,
    recheck_signin: ldap_server.LdapServer,
    configure_ldap: Callable[[dict[str, str]], None],
) -> None:
    sign_in(client, "dee")
    configure_ldap({"MENTORMATCH_LDAP_URIS": ldap_server.closed_port_uri(), **DN_TEMPLATE_ENV})

    interval_passes(client)

    assert is_signed_in(client)


def test_a_deactivated_directory_account_is_signed_out_on_its_next_request(
    client: Client, directory_signin: ldap_server.LdapServer
) -> None:
    sign_in(client, "dee")
    User.objects.filter(username="dee").update(is_active=False)

    assert not is_signed_in(client)


def test_an_administrator_can_end_every_session_of_a_person(
    directory_signin: ldap_server.LdapServer, admin_client: Client
) -> None:
    laptop, phone = Client(), Client()
    sign_in(laptop, "dee")
    sign_in(phone, "dee")
    dee = User.objects.get(username="dee")
    assert dee.auth_source == AuthSource.LDAP

    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "end_sessions", "_selected_action": [dee.pk]},
    )

    assert response.status_code == 302
    assert not is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert AuditEvent.objects.filter(
        action="account.sessions_ended", object_id=str(dee.pk)
    ).exists()
    sign_in(laptop, "dee")  # the person can sign in again afterwards
    assert is_signed_in(laptop)


def test_without_a_service_account_the_re_check_leaves_sessions_alone(
    client: Client, directory_signin: ldap_server.LdapServer, settings: object
) -> None:
    """Without a service account nothing is re-read, and nobody is signed out for it."""
    settings.MENTORMATCH_DIRECTORY_RECHECK_MINUTES = 1  # type: ignore[attr-defined]
    sign_in(client, "dee")

    interval_passes(client)

    assert is_signed_in(client)
