"""Who may see coordinator pages: users with ``is_coordinator``; everyone else gets 403.

A small local helper used by core and reports (``mentormatch.accounts.access`` is the
project-wide one; this keeps the same rule: signed out -> sign-in page, not a coordinator ->
403).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def coordinator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(request.user, "is_coordinator", False):
            raise PermissionDenied("Only programme coordinators may open this page.")
        return view(request, *args, **kwargs)

    return wrapped
