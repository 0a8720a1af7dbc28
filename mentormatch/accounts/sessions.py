"""Sessions that follow the account.

* A deactivated account is signed out on its next request, whichever door it came in by.
* A directory account is read again from the directory every
  ``MENTORMATCH_DIRECTORY_RECHECK_MINUTES`` (``backends.directory_recheck``): a person moved
  into the disabled group, or gone from the directory, loses their open sessions within that
  interval, and a removed coordinator group takes the role away without a new sign-in.
* ``user_sessions_end`` (the admin's "End all sessions" action) ends every open session of a
  person at once, on every browser.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.contrib.auth import logout
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from mentormatch.accounts.backends import RecheckOutcome, directory_recheck
from mentormatch.accounts.models import AuthSource, User
from mentormatch.audit.services import audit_record

logger = logging.getLogger(__name__)

CHECKED_AT = "mentormatch_directory_checked_at"


def user_sessions_end(
    *, user: User, actor: User | None, request: HttpRequest | None = None
) -> None:
    """Sign ``user`` out everywhere: every session holds a hash that includes
    ``session_generation``, so raising it makes all of them invalid."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    audit_record(
        actor=actor,
        action="account.sessions_ended",
        obj=user,
        summary=f"All sessions of person #{user.pk} were ended",
        request=request,
    )


def _recheck_due(request: HttpRequest) -> bool:
    now = time.time()
    checked_at = request.session.get(CHECKED_AT)
    if not isinstance(checked_at, int | float):
        request.session[CHECKED_AT] = now  # signed in just now: the directory was asked
        return False
    return now - checked_at >= settings.MENTORMATCH_DIRECTORY_RECHECK_MINUTES * 60


class AccountSessionMiddleware:
    """After ``AuthenticationMiddleware``: ends the session of a deactivated account, and
    re-checks a directory account when its interval has passed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not self._may_stay(request, cast(User, user)):
            logout(request)
        return self.get_response(request)

    def _may_stay(self, request: HttpRequest, user: User) -> bool:
        if not user.is_active:
            return False
        if user.auth_source != AuthSource.LDAP or not _recheck_due(request):
            return True
        outcome = directory_recheck(user)
        request.session[CHECKED_AT] = time.time()
        if outcome == RecheckOutcome.UNCHECKED:
            logger.warning("Could not re-check person #%s in the directory", user.pk)
        # The re-check refreshed the account; the request must see the new roles.
        user.refresh_from_db()
        return outcome != RecheckOutcome.ENDED
