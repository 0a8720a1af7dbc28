"""People and their programme roles.

A person may be a mentee, a mentor, or both; coordinators run the programme.  How a person
signs in (local password, directory, single sign-on) is recorded in ``auth_source``; every
sign-in backend looks people up through ``mentormatch.accounts.services``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac


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
    # "<source>:<the directory's stable id>" (e.g. "ldap:E0042"), set by the first directory
    # or single sign-on sign-in, or by an administrator who links an account on purpose.  A
    # sign-in reaches only the account holding its id, never one that merely shares the
    # username (see services.user_sync_from_directory).
    external_id = models.CharField(
        "directory person id",
        max_length=255,
        blank=True,
        default="",
        help_text=(
            "Set by the directory or single sign-on, as source:id (e.g. ldap:E0042). Set it "
            "by hand only to link this account to that directory person on purpose."
        ),
    )
    # Raising it ends every open session of the person (see ``_get_session_auth_hash``).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="accounts_user_unique_external_id",
            )
        ]
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

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django stores this hash in each session and drops a session whose hash no longer
        matches; mixing in ``session_generation`` lets "end all sessions" work for directory
        accounts too, which have no password to change."""
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        key_salt = "mentormatch.accounts.User.session_generation"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class SignInFailure(models.Model):
    """One failed sign-in: the throttle counts these per account and per address."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address} at {self.created_at:%Y-%m-%d %H:%M}"
