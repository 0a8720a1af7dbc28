"""The audit log page: coordinators only, filtered by round and action, paginated."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mentormatch.accounts.access import coordinator_required
from mentormatch.audit.selectors import audit_actions, audit_events
from mentormatch.reports.audit_forms import AuditFilterForm
from mentormatch.rounds.models import Round

PAGE_SIZE = 50


@coordinator_required
def log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(
        request.GET or None,
        rounds=[(r.pk, r.name) for r in Round.objects.all()],
        actions=audit_actions(),
    )
    round_id = None
    action = ""
    if form.is_bound and form.is_valid():
        round_id = form.cleaned_data["round"]
        action = form.cleaned_data["action"]
    page = Paginator(audit_events(round_id=round_id, action=action), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
