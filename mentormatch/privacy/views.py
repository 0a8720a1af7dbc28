"""The person's own data: see what is kept, download it, erase it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mentormatch.accounts.models import User
from mentormatch.audit.services import audit_record
from mentormatch.privacy.forms import EraseConfirmForm
from mentormatch.privacy.services import personal_data_erase, personal_data_export


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/my_data.html")


@login_required
@require_GET
@never_cache
def my_data_download(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    data = personal_data_export(user=user)
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
        personal_data_erase(user=user, request=request)
        logout(request)
        messages.success(request, "Your personal data has been erased and you are signed out.")
        return redirect("accounts:login")
    return render(request, "privacy/my_data_erase.html", {"form": form})
