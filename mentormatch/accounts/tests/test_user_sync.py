"""The one look-up every sign-in backend shares: find, link, create and refresh a person."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mentormatch.accounts.models import AuthSource, User
from mentormatch.accounts.services import user_sync_from_directory
from mentormatch.audit.models import AuditEvent
from mentormatch.directory.models import Profile
from tests.factories import make_user

pytestmark = pytest.mark.django_db

GROUPS = {
    "coordinator": "urn:example:Coordinators",
    "mentor": "",
    "confidential": "",
    "disabled": "urn:example:disabled",
}


@pytest.fixture(autouse=True)
def saml_groups(settings: object) -> None:
    settings.MENTORMATCH_SAML = {"ATTRIBUTES": {}, "GROUPS": GROUPS}  # type: ignore[attr-defined]


def test_the_first_sign_in_creates_a_mentee_who_may_mentor_when_no_mentor_group_is_set() -> None:
    user = user_sync_from_directory(
        username="kim",
        attributes={"first_name": "Kim", "email": "kim@example.edu", "rank": "PROFESSOR"},
        groups=[],
        source=AuthSource.SSO,
    )

    assert user.is_mentee and user.is_mentor and not user.is_coordinator
    assert Profile.objects.get(user=user).rank == "Professor"
    assert AuditEvent.objects.filter(action="account.created", object_id=str(user.pk)).exists()


def test_group_names_match_without_regard_to_case() -> None:
    user = user_sync_from_directory(
        username="kim", attributes={}, groups=["URN:EXAMPLE:COORDINATORS"], source=AuthSource.SSO
    )

    assert user.is_coordinator


def test_an_imported_person_is_linked_by_their_directory_id() -> None:
    imported = make_user(
        "Imported",
        username="import-0042",
        auth_source=AuthSource.IMPORT,
        person_id="E0042",
        interests="Genomics",
    )

    user = user_sync_from_directory(
        username="lee",
        attributes={"person_id": "E0042", "last_name": "Lee"},
        groups=[],
        source=AuthSource.SSO,
    )

    assert user.pk == imported.pk
    assert (user.username, user.last_name, user.auth_source) == ("lee", "Lee", AuthSource.SSO)
    assert User.objects.count() == 1
    assert AuditEvent.objects.filter(action="account.linked").exists()


def test_a_person_in_the_disabled_group_becomes_inactive_and_is_reenabled_when_removed() -> None:
    user_sync_from_directory(
        username="kim", attributes={}, groups=["urn:example:disabled"], source=AuthSource.SSO
    )
    assert not User.objects.get(username="kim").is_active

    user_sync_from_directory(username="kim", attributes={}, groups=[], source=AuthSource.SSO)
    assert User.objects.get(username="kim").is_active


def test_a_directory_id_already_used_by_someone_else_does_not_merge_two_people() -> None:
    other = make_user("Someone", username="someone", person_id="E7")

    user = user_sync_from_directory(
        username="kim", attributes={"person_id": "E7"}, groups=[], source=AuthSource.SSO
    )

    assert user.pk != other.pk
    assert Profile.objects.get(user=user).person_id == "sso:kim"


def test_an_unknown_source_or_empty_username_is_refused() -> None:
    with pytest.raises(ValueError, match="source"):
        user_sync_from_directory(username="kim", attributes={}, groups=[], source="ftp")
    with pytest.raises(ValueError, match="username"):
        user_sync_from_directory(username=" ", attributes={}, groups=[], source=AuthSource.SSO)


def test_sessions_expire_with_the_browser_and_after_the_configured_time(
    client: Client, settings: object
) -> None:
    user = make_user("Kim", profile=False)
    client.force_login(user)

    response = client.get(reverse("home:home"))

    assert response.status_code == 200
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE  # type: ignore[attr-defined]
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600  # type: ignore[attr-defined]


def test_without_a_disabled_group_an_account_switched_off_here_stays_off(
    settings: object,
) -> None:
    settings.MENTORMATCH_SAML = {"ATTRIBUTES": {}, "GROUPS": {**GROUPS, "disabled": ""}}  # type: ignore[attr-defined]
    make_user("Kim", username="kim", active=False, auth_source=AuthSource.SSO, profile=False)

    user = user_sync_from_directory(username="kim", attributes={}, groups=[], source=AuthSource.SSO)

    assert not user.is_active
