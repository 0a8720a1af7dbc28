from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mentormatch.core.health import database_state, task_queue_state


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_state()
    tasks = task_queue_state()
    ok = bool(database["ok"] and tasks["ok"])
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": database, "tasks": tasks},
        status=200 if ok else 503,
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")
