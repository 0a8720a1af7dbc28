"""Sign-in throttling that a stranger cannot turn against somebody else.

Failures are rows in the database (``SignInFailure``), so every web process sees the same
counts.  Following OWASP's guidance (back off per account *and address pair* rather than
hard-blocking an account or a shared address):

* an account is paused **for one address** after ``MAX_FAILURES_PER_ACCOUNT`` failures for it
  from that address within the window: five wrong guesses at the break-glass administrator
  from one machine pause that machine, never the administrator signing in from elsewhere;
* an address is paused after ``MAX_FAILURES_PER_ADDRESS`` failures for any accounts within the
  window, which stops one machine trying many accounts.

The address is the client's real address: behind a reverse proxy it is taken from the proxy's
``X-Forwarded-For`` only when the proxy is configured as trusted (``client_address.py``), so
people behind one proxy never share a counter and a client cannot choose its own address.

A pause lifts by itself when the window has passed; a successful sign-in clears the pair's
failures; deleting the rows under "Sign in failures" in the admin lifts it at once.
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
    reason: str = ""  # "account" (this account from this address) or "address"
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
    """Is this account paused for this address, or this address paused, now?"""
    per_account, per_address, minutes = _limits()
    since = timezone.now() - timedelta(minutes=minutes)
    recent = SignInFailure.objects.filter(created_at__gte=since, ip_address=ip_address or None)
    if username and recent.filter(username=_normal(username)).count() >= per_account:
        return Lockout(True, "account", minutes)
    if ip_address and recent.count() >= per_address:
        return Lockout(True, "address", minutes)
    return Lockout(False)


def signin_failure_record(*, username: str, ip_address: str | None) -> None:
    SignInFailure.objects.create(username=_normal(username), ip_address=ip_address or None)
    # Keep the table small: nothing older than a day is ever counted.
    SignInFailure.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()


def signin_failures_clear(*, username: str, ip_address: str | None) -> None:
    """After a successful sign-in: forget this account's failures from this address."""
    SignInFailure.objects.filter(username=_normal(username), ip_address=ip_address or None).delete()
