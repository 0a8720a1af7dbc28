"""Sign-in throttling: lock-out after repeated failures, per account and per address.

Failures are rows in the database (``SignInFailure``), so every web process sees the same
counts.  An account is locked after ``MAX_FAILURES_PER_ACCOUNT`` failures within the lock-out
window, from any address; an address is locked after ``MAX_FAILURES_PER_ADDRESS`` failures
within the window, for any account (which stops one machine guessing many accounts).  A
lock lifts by itself when the window has passed; a successful sign-in clears the account's
failures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from mentormatch.accounts.models import SignInFailure


@dataclass(frozen=True)
class Lockout:
    locked: bool
    reason: str = ""  # "account" or "address"
    minutes: int = 0


def _limits() -> tuple[int, int, int]:
    conf = settings.MENTORMATCH_SIGNIN_THROTTLE
    return (
        int(conf["MAX_FAILURES_PER_ACCOUNT"]),
        int(conf["MAX_FAILURES_PER_ADDRESS"]),
        int(conf["LOCKOUT_MINUTES"]),
    )


def _normal(username: str) -> str:
    return username.strip().lower()[:150]


def signin_lockout(*, username: str, ip_address: str | None) -> Lockout:
    """Is this account, or this address, locked out now?"""
    per_account, per_address, minutes = _limits()
    since = timezone.now() - timedelta(minutes=minutes)
    recent = SignInFailure.objects.filter(created_at__gte=since)
    if username and recent.filter(username=_normal(username)).count() >= per_account:
        return Lockout(True, "account", minutes)
    if ip_address and recent.filter(ip_address=ip_address).count() >= per_address:
        return Lockout(True, "address", minutes)
    return Lockout(False)


def signin_failure_record(*, username: str, ip_address: str | None) -> None:
    SignInFailure.objects.create(username=_normal(username), ip_address=ip_address or None)
    # Keep the table small: nothing older than a day is ever counted.
    SignInFailure.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()


def signin_failures_clear(*, username: str) -> None:
    SignInFailure.objects.filter(username=_normal(username)).delete()
