"""People and their programme roles.

A person may be a mentee, a mentor, or both; coordinators run the programme.  How a person
signs in (local password, directory, single sign-on) is recorded in ``auth_source``; every
sign-in backend looks people up through ``mentormatch.accounts.services``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class AuthSource(models.TextChoices):
    LOCAL = "local", "Local password"
    LDAP = "ldap", "Institutional directory"
    SSO = "sso", "Single sign-on"
    IMPORT = "import", "Imported (no sign-in yet)"


class User(AbstractUser):
    is_mentee = models.BooleanField("may be a mentee", default=False)
    is_mentor = models.BooleanField("may be a mentor", default=False)
    is_coordinator = models.BooleanField("programme coordinator", default=False)
    auth_source = models.CharField(
        max_length=16, choices=AuthSource.choices, default=AuthSource.LOCAL
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        permissions = [
            (
                "view_confidential_answers",
                "Can see participants' confidential answers (every view is audited)",
            )
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.display_name


class SignInFailure(models.Model):
    """One failed sign-in: the throttle counts these per account and per address."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address} at {self.created_at:%Y-%m-%d %H:%M}"
