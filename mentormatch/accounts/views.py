"""Sign-in, single sign-on errors, and a person's own data (download and erase)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mentormatch.accounts.backends import ACCOUNT_DISABLED, SIGNIN_REFUSED
from mentormatch.accounts.forms import SignInForm


def signin_options() -> dict[str, Any]:
    """Which doors are open: the password form (directory or local) and the SSO button."""
    saml = getattr(settings, "MENTORMATCH_SAML", None)
    return {
        "password_signin": bool(
            getattr(settings, "MENTORMATCH_LDAP", None) or settings.MENTORMATCH_LOCAL_ACCOUNTS
        ),
        "directory_signin": bool(getattr(settings, "MENTORMATCH_LDAP", None)),
        "sso_label": saml["BUTTON_LABEL"] if saml else "",
    }


class SignInView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(signin_options())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not signin_options()["password_signin"]:
            raise Http404("Password sign-in is switched off.")
        return super().post(request, *args, **kwargs)


def sso_failure(
    request: HttpRequest, exception: Exception | None = None, status: int = 403, **kwargs: Any
) -> HttpResponse:
    """djangosaml2's ``SAML_ACS_FAILURE_RESPONSE_FUNCTION``: a page that says what happened."""
    if getattr(request, SIGNIN_REFUSED, False):
        reason = (
            "Your institution's sign-in service confirmed who you are, but the MentorMatch "
            "account with your username was not created by it (it is a local or administrator "
            "account), so you cannot be signed in to it. Nothing was changed. Please contact "
            "the programme's administrators, who can link your account."
        )
    elif getattr(request, ACCOUNT_DISABLED, False):
        reason = (
            "Your institution's sign-in service knows you, but your MentorMatch account is "
            "disabled. If you think this is a mistake, contact the programme coordinators."
        )
    else:
        reason = (
            "Your institution's sign-in service did not confirm who you are, or its answer "
            "could not be checked. Try signing in again; if it keeps happening, contact the "
            "programme coordinators."
        )
    return render(request, "accounts/sso_error.html", {"reason": reason}, status=status)
