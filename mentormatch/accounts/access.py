"""Access helpers: every view that loads an object by URL goes through one of these.

Rules:

* ``get_for_owner_or_404`` (alias ``get_owned_or_404``) loads an object only if the person
  asking owns it (``owner_field`` may be a tuple: e.g. both the mentee and the mentor of a
  request may see it).  Someone else's object is a 404, never a 403, so ids do not leak.
* ``coordinator_required`` guards coordinator pages: anonymous people are sent to sign in;
  signed-in non-coordinators get a 403 page that says why.
* Confidential answers (gender and background preferences, decline reasons) are seen only by
  their owner, the matching engine and coordinators with the ``accounts.view_confidential_answers``
  permission; ``can_view_confidential`` answers that, and every coordinator view is written
  to the audit log by ``mentormatch.accounts.services.confidential_view_logged``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

M = TypeVar("M", bound=models.Model)
# A queryset, a manager (``Response.objects``) or a model class.
Source = QuerySet[M] | models.Manager[M] | type[M]
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

CONFIDENTIAL_PERMISSION = "accounts.view_confidential_answers"


def is_coordinator(user: Any) -> bool:
    """Coordinators run the programme; an inactive account is never one."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_coordinator", False)
    )


def coordinator_forbidden(request: HttpRequest) -> HttpResponse:
    """The 403 page shown to a signed-in person who is not a coordinator."""
    return render(request, "accounts/forbidden.html", status=403)


def coordinator_required(view: ViewFunc) -> ViewFunc:
    """Decorator: anonymous → sign-in page; signed in but not a coordinator → 403 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_coordinator(request.user):
            return coordinator_forbidden(request)
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def owner_q(user: Any, owner_field: str | Iterable[str]) -> Q:
    """``Q(owner_field=user)``, or an OR over several owner fields."""
    fields = [owner_field] if isinstance(owner_field, str) else list(owner_field)
    if not fields:
        raise ValueError("owner_field must name at least one field")
    q = Q()
    for field in fields:
        q |= Q(**{field: user})
    return q


def filter_for_owner(
    queryset: QuerySet[M], user: Any, owner_field: str | Iterable[str] = "user"
) -> QuerySet[M]:
    """The objects of ``queryset`` that ``user`` owns (none for anonymous people)."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(owner_q(user, owner_field)).distinct()


def _queryset(source: Source[M]) -> QuerySet[M]:
    if isinstance(source, type):
        return source._default_manager.all()
    return source.all()


def get_for_owner_or_404(
    queryset: Source[M],
    user: Any,
    owner_field: str | Iterable[str] = "user",
    **lookup: Any,
) -> M:
    """The object matching ``lookup`` if ``user`` owns it through ``owner_field``; else 404.

    ``get_for_owner_or_404(Response.objects, request.user, "user", pk=response_id)``
    ``get_for_owner_or_404(MentorshipRequest.objects, request.user, ("mentee", "mentor"), pk=pk)``
    """
    qs = _queryset(queryset)
    try:
        return filter_for_owner(qs, user, owner_field).get(**lookup)
    except ObjectDoesNotExist:
        raise Http404("No such page.") from None


# The name used in the team brief; the same function.
get_owned_or_404 = get_for_owner_or_404


def get_for_owner_or_coordinator_or_404(
    queryset: Source[M],
    user: Any,
    owner_field: str | Iterable[str] = "user",
    **lookup: Any,
) -> M:
    """Like ``get_for_owner_or_404`` but coordinators may load anyone's object."""
    qs = _queryset(queryset)
    if is_coordinator(user):
        try:
            return qs.get(**lookup)
        except ObjectDoesNotExist:
            raise Http404("No such page.") from None
    return get_for_owner_or_404(qs, user, owner_field, **lookup)


def can_view_confidential(user: Any, subject: Any | None = None) -> bool:
    """May ``user`` see ``subject``'s confidential answers?

    The owner always may; otherwise only an active coordinator holding the
    ``accounts.view_confidential_answers`` permission (superusers hold every permission).
    Without ``subject`` the question is "may this person see other people's confidential
    answers at all".
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if subject is not None and getattr(subject, "pk", None) == user.pk:
        return True
    return is_coordinator(user) and bool(user.has_perm(CONFIDENTIAL_PERMISSION))
