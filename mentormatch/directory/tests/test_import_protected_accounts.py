"""Issue 9, item 4: the profile import never changes an administrator account, nor who a
directory-managed person is; such rows are refused with their line number."""

from __future__ import annotations

from typing import Any

import pytest

from mentormatch.accounts.models import AuthSource, User
from mentormatch.directory.importing import profiles_import
from mentormatch.directory.models import Profile

pytestmark = pytest.mark.django_db

HEADER = "id,name,email,department\n"


def csv_import(*rows: str) -> Any:
    return profiles_import(file=(HEADER + "".join(rows)).encode(), filename="people.csv")


def test_a_row_naming_the_break_glass_superuser_is_refused_and_changes_nothing() -> None:
    admin = User.objects.create_superuser("itadmin", email="it@example.edu", password="x-9-long!")

    report = csv_import(
        "jdoe,Jane Doe,jdoe@example.edu,Medicine\n",
        "itadmin,Mallory,mallory@evil.example,Medicine\n",
    )

    admin.refresh_from_db()
    assert (admin.email, admin.first_name) == ("it@example.edu", "")
    assert not Profile.objects.filter(user=admin).exists()
    assert report.created == 1
    [error] = report.errors
    assert (error.line, error.person_id) == (3, "itadmin")
    assert "refused" in error.reason and "administrator" in error.reason


def test_a_staff_account_is_refused_too() -> None:
    User.objects.create_user("helpdesk", is_staff=True)

    report = csv_import("helpdesk,,,Radiology\n")

    assert report.imported == 0
    assert report.errors[0].line == 2


def test_the_name_and_email_of_a_directory_account_are_not_changed() -> None:
    person = User.objects.create_user(
        "ben",
        email="ben@example.edu",
        first_name="Ben",
        last_name="Okafor",
        auth_source=AuthSource.LDAP,
        external_id="ldap:E0002",
    )
    Profile.objects.create(user=person, person_id="ben")

    report = csv_import("ben,Someone Else,other@example.edu,Surgery\n")

    person.refresh_from_db()
    assert (person.email, person.get_full_name()) == ("ben@example.edu", "Ben Okafor")
    assert Profile.objects.get(user=person).department == ""
    [error] = report.errors
    assert error.line == 2
    assert "the directory manages 'ben'" in error.reason
    assert "email" in error.reason and "name" in error.reason


def test_a_directory_account_still_gets_its_research_fields_when_identity_is_left_alone() -> None:
    person = User.objects.create_user(
        "ben",
        email="ben@example.edu",
        first_name="Ben",
        last_name="Okafor",
        auth_source=AuthSource.SSO,
    )
    Profile.objects.create(user=person, person_id="ben")

    report = profiles_import(
        file=b'id,department,interests\nben,Surgery,"Trauma, outcomes"\n', filename="p.csv"
    )

    assert report.errors == []
    assert report.updated == 1
    assert Profile.objects.get(user=person).department == "Surgery"
