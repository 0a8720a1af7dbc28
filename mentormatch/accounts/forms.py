"""The sign-in form: clear messages for a wrong password, a lock-out, a disabled account and
a directory that cannot be reached."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest

from mentormatch.accounts import throttle
from mentormatch.accounts.backends import (
    DIRECTORY_MISCONFIGURED,
    DIRECTORY_UNAVAILABLE,
    SIGNIN_REFUSED,
)
from mentormatch.audit.services import audit_record


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address (``TrustedProxyMiddleware`` has already resolved a proxy)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


# Answers for a sign-in the directory could not complete, by the flag a backend set on the
# request; none of them counts as a wrong password.
_NOT_A_FAILURE = (SIGNIN_REFUSED, DIRECTORY_MISCONFIGURED, DIRECTORY_UNAVAILABLE)


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "That username and password do not match. Check them and try again "
            "(after %(limit)s wrong tries the account is locked for %(minutes)s minutes)."
        ),
        "inactive": (
            "This account is disabled, so it cannot sign in. If you think this is a "
            "mistake, contact the programme coordinators or your institution's IT service desk."
        ),
        "locked_account": (
            "Too many failed sign-in attempts for this account from your network address. "
            "It is locked for %(minutes)s minutes here; try again later."
        ),
        "locked_address": (
            "Too many failed sign-in attempts from your network address. Sign-in from it is "
            "paused for %(minutes)s minutes; try again later."
        ),
        "directory_unavailable": (
            "We could not reach your institution's directory, so your password could not be "
            "checked. This is not a problem with your password; please try again in a few "
            "minutes."
        ),
        SIGNIN_REFUSED: (
            "Your institution's directory confirmed your password, but the MentorMatch account "
            "with this username was not created by it (it is a local or administrator "
            "account), so you cannot be signed in to it. Nothing was changed. Please contact "
            "the programme's administrators, who can link your account."
        ),
        DIRECTORY_MISCONFIGURED: (
            "Sign-in through your institution's directory is misconfigured: the directory "
            "refused MentorMatch's own service account. This is not a problem with your "
            "password; please tell the programme's administrators."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password")
        if not (username and password):
            return self.cleaned_data
        ip = client_ip(self.request)
        lockout = throttle.signin_lockout(username=username, ip_address=ip)
        if lockout.locked:
            raise forms.ValidationError(
                self.error_messages[f"locked_{lockout.reason}"],
                code=f"locked_{lockout.reason}",
                params={"minutes": lockout.minutes},
            )
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            for flag in _NOT_A_FAILURE:
                if self.request is not None and getattr(self.request, flag, False):
                    code = "directory_unavailable" if flag == DIRECTORY_UNAVAILABLE else flag
                    raise forms.ValidationError(self.error_messages[code], code=code)
            throttle.signin_failure_record(username=username, ip_address=ip)
            now_locked = throttle.signin_lockout(username=username, ip_address=ip)
            if now_locked.locked:
                audit_record(
                    actor=None,
                    action="account.lockout",
                    summary=f"Sign-in locked ({now_locked.reason}) for {username[:100]}",
                    details={"username": username[:150], "reason": now_locked.reason},
                    request=self.request,
                )
            conf = settings.MENTORMATCH_SIGNIN_THROTTLE
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={
                    "limit": conf["MAX_FAILURES_PER_ACCOUNT"],
                    "minutes": conf["LOCKOUT_MINUTES"],
                },
            )
        self.confirm_login_allowed(self.user_cache)
        throttle.signin_failures_clear(username=username, ip_address=ip)
        return self.cleaned_data


class AdminSignInForm(SignInForm):
    """The admin's sign-in: the same throttling, and staff only (``admin.site.login_form``)."""

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise forms.ValidationError(
                AdminAuthenticationForm.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
