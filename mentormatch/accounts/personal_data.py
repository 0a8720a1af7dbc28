"""The account's part in "Download my data" and "Erase my data" (registered in apps.py)."""

from __future__ import annotations

import secrets
from typing import Any

from mentormatch.accounts.models import User
from mentormatch.core.personal_data import model_row


def account_export(user: User) -> dict[str, Any]:
    return {
        "user": model_row(user),
        "roles": {
            "mentee": user.is_mentee,
            "mentor": user.is_mentor,
            "coordinator": user.is_coordinator,
        },
    }


def account_erase(user: User) -> None:
    """Remove name, e-mail, username and password; the row stays, anonymous and inactive."""
    user.username = f"erased-{user.pk}-{secrets.token_hex(4)}"
    user.first_name = ""
    user.last_name = "(erased)"
    user.email = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_coordinator = False
    user.is_staff = False
    user.is_superuser = False
    user.save()
    user.user_permissions.clear()
    user.groups.clear()
