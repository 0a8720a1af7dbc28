from __future__ import annotations

import copy
import hmac

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mentormatch.accounts.access import coordinator_required
from mentormatch.home import selectors, services
from mentormatch.home.forms import InfoPageForm
from mentormatch.home.health import database_state, task_queue_state
from mentormatch.home.models import InfoPage


def _may_see_health_details(request: HttpRequest) -> bool:
    """Database errors name the host and port, the queue length says how busy we are: only
    staff, or a monitor sending ``X-Health-Token: <MENTORMATCH_HEALTH_TOKEN>``, see them."""
    if getattr(request.user, "is_staff", False) and request.user.is_active:
        return True
    token = settings.MENTORMATCH_HEALTH_TOKEN
    given = request.headers.get("X-Health-Token", "")
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_state()
    tasks = task_queue_state()
    ok = bool(database["ok"] and tasks["ok"])
    body: dict[str, object] = {"status": "ok" if ok else "error"}
    if _may_see_health_details(request):
        body.update(database=database, tasks=tasks)
    return JsonResponse(body, status=200 if ok else 503)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "standings": selectors.user_standings(user=user),
        "info_pages": selectors.info_pages_published()[:6],
        "coordinator_rounds": (
            selectors.coordinator_rounds() if getattr(user, "is_coordinator", False) else []
        ),
        "rounds_url": selectors.url_or_none("rounds:list"),
    }
    return render(request, "home/home.html", context)


def _is_coordinator(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_coordinator", False))


@require_GET
def info_index(request: HttpRequest) -> HttpResponse:
    coordinator = _is_coordinator(request)
    pages = selectors.info_pages_all() if coordinator else selectors.info_pages_published()
    return render(request, "home/info_index.html", {"pages": pages, "can_edit": coordinator})


@require_GET
def info_detail(request: HttpRequest, slug: str) -> HttpResponse:
    coordinator = _is_coordinator(request)
    page = get_object_or_404(InfoPage, slug=slug)
    if not page.published and not coordinator:
        raise Http404("No such page.")
    others = selectors.info_pages_published().exclude(pk=page.pk)
    return render(
        request, "home/info_detail.html", {"page": page, "others": others, "can_edit": coordinator}
    )


@coordinator_required
def info_create(request: HttpRequest) -> HttpResponse:
    form = InfoPageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        page = services.info_page_create(actor=request.user, request=request, **form.cleaned_data)
        messages.success(request, f"The page “{page.title}” was added.")
        return redirect("home:info_detail", slug=page.slug)
    return render(request, "home/info_edit.html", {"form": form, "page": None})


@coordinator_required
def info_edit(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(InfoPage, slug=slug)
    # The form validates a copy, so the service still sees what was stored before.
    form = InfoPageForm(request.POST or None, instance=copy.copy(page))
    if request.method == "POST" and form.is_valid():
        page = services.info_page_update(
            actor=request.user, page=page, request=request, **form.cleaned_data
        )
        messages.success(request, f"The page “{page.title}” was saved.")
        return redirect("home:info_detail", slug=page.slug)
    return render(request, "home/info_edit.html", {"form": form, "page": page})
