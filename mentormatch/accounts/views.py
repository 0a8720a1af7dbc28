"""Sign-in, single sign-on errors, and a person's own data (download and erase)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mentormatch.accounts.backends import ACCOUNT_DISABLED
from mentormatch.accounts.forms import EraseConfirmForm, SignInForm
from mentormatch.accounts.models import User
from mentormatch.accounts.selectors import user_data_export
from mentormatch.accounts.services import user_personal_data_erase
from mentormatch.audit.services import audit_record


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
    if getattr(request, ACCOUNT_DISABLED, False):
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


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/my_data.html")


@login_required
@require_GET
@never_cache
def my_data_download(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    data = user_data_export(user=user)
    audit_record(
        actor=user,
        action="account.export",
        obj=user,
        summary=f"Person #{user.pk} downloaded their data",
        request=request,
    )
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="mentormatch-my-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def my_data_erase(request: HttpRequest) -> HttpResponse:
    form = EraseConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user: User = request.user  # type: ignore[assignment]
        user_personal_data_erase(user=user, request=request)
        logout(request)
        messages.success(request, "Your personal data has been erased and you are signed out.")
        return redirect("accounts:login")
    return render(request, "accounts/my_data_erase.html", {"form": form})
