"""Issue 9, item 10: the demo coordinator, whose password is printed, is a coordinator only;
the Django admin has its own demo account."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from mentormatch.accounts.access import can_view_confidential
from mentormatch.accounts.models import User
from mentormatch_dev.demo.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302, f"{username} could not sign in"
    return client


def test_the_demo_coordinator_runs_the_programme_but_cannot_open_the_admin(
    settings: Any,
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    call_command("seed_demo", "--people", "10", stdout=StringIO())

    coordinator = signed_in("coordinator")

    user = User.objects.get(username="coordinator")
    assert user.is_coordinator and not user.is_staff and not user.is_superuser
    assert can_view_confidential(user)
    assert coordinator.get(reverse("reports:index")).status_code == 200
    assert coordinator.get(reverse("admin:index")).status_code == 302  # to the admin sign-in


def test_a_separate_printed_admin_account_opens_the_admin(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("seed_demo", "--people", "10", stdout=out)

    admin = signed_in("admin")

    assert "admin" in out.getvalue() and "site admin" in out.getvalue()
    assert admin.get(reverse("admin:index")).status_code == 200
    assert not User.objects.get(username="admin").is_coordinator


def test_an_older_demo_database_loses_the_coordinators_superuser_flag(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_superuser("coordinator", password=DEMO_PASSWORD, is_coordinator=True)

    call_command("seed_demo", "--people", "10", stdout=StringIO())

    assert not User.objects.get(username="coordinator").is_superuser
