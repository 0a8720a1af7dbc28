"""A person's own data: everything kept about them, and erasing it on request.

Every app that keeps something about a person registers a section in
:mod:`mentormatch.core.personal_data`; these two functions run them all.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.audit.services import audit_record
from mentormatch.core.personal_data import personal_data_sections

logger = logging.getLogger(__name__)


def personal_data_export(*, user: User) -> dict[str, Any]:
    """A JSON-ready dict of everything MentorMatch stores about ``user``."""
    data: dict[str, Any] = {"exported_at": timezone.now().isoformat()}
    for section in personal_data_sections():
        data.update(section.export(user))
    return data


@transaction.atomic
def personal_data_erase(*, user: User, request: HttpRequest | None = None) -> None:
    """Erase what identifies ``user`` while keeping the programme's anonymous counts.

    Kept: the (now anonymous) user row with its profile's department and rank, and its
    participations, requests and mentorships, so reports still count them.  Removed: name,
    e-mail, username, password, profile text, publications, questionnaire answers, request
    messages and decline reasons, and the e-mail copies addressed to them.  The account can
    no longer sign in.
    """
    user_id = user.pk
    audit_record(
        actor=user,
        action="account.erase",
        obj=user,
        summary=f"Person #{user_id} erased their personal data",
        request=request,
    )
    # In reverse order: the account, first in the download, is erased last.
    for section in reversed(personal_data_sections()):
        if section.erase is not None:
            section.erase(user)
    logger.info("Personal data of user #%s erased on request", user_id)
