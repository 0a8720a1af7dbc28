"""Coordinator pages for matching runs: start one, follow its progress, read and publish it.

Every view is for coordinators only; a run is loaded by URL through :func:`_run_or_404`, which
404s for a run that does not belong to the round in the URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from mentormatch.accounts.access import can_view_confidential, coordinator_required
from mentormatch.audit.services import audit_record
from mentormatch.matching import selectors, services
from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import Round


def _run_or_404(round_id: int, run_id: int) -> MatchRun:
    """The run, after marking it failed if its worker has died (so the page says so)."""
    services.match_runs_mark_dead(round_id=round_id)
    return get_object_or_404(MatchRun.objects.select_related("round"), pk=run_id, round_id=round_id)


@require_POST
@coordinator_required
def run_start(request: HttpRequest, round_id: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    try:
        run = services.match_run_start(round=round, actor=request.user)
    except RoundError as exc:
        messages.error(request, exc.message)
        return redirect("rounds:detail", round_id=round.pk)
    return redirect("matching:run", round_id=round.pk, run_id=run.pk)


@require_GET
@coordinator_required
def run_detail(request: HttpRequest, round_id: int, run_id: int) -> HttpResponse:
    run = _run_or_404(round_id, run_id)
    context: dict = {"round": run.round, "run": run, "RunStatus": RunStatus}
    if run.status == RunStatus.SUCCEEDED:
        confidential = can_view_confidential(request.user)
        results, unmatched = selectors.run_results(run=run, confidential=confidential)
        context.update(results=results, unmatched=unmatched, confidential=confidential)
        if confidential:
            audit_record(
                actor=request.user,
                action="confidential.view",
                obj=run,
                round_id=run.round_id,
                summary=f"Saw the match reasons of run {run.pk}, confidential ones included",
                request=request,
            )
    return render(request, "matching/run_detail.html", context)


@require_GET
@coordinator_required
def run_progress(request: HttpRequest, round_id: int, run_id: int) -> HttpResponse:
    """The progress partial that htmx polls every 2 s (no polling once the run has finished)."""
    run = _run_or_404(round_id, run_id)
    return render(request, "matching/_run_progress.html", {"round": run.round, "run": run})


@require_POST
@coordinator_required
def run_cancel(request: HttpRequest, round_id: int, run_id: int) -> HttpResponse:
    run = _run_or_404(round_id, run_id)
    try:
        services.match_run_cancel(run=run, actor=request.user)
    except RoundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Run {run.pk} cancelled. Nothing from it will be published.")
    return redirect("matching:run", round_id=round_id, run_id=run_id)


@require_POST
@coordinator_required
def run_publish(request: HttpRequest, round_id: int, run_id: int) -> HttpResponse:
    run = _run_or_404(round_id, run_id)
    try:
        result = services.match_run_publish(run=run, actor=request.user)
    except RoundError as exc:
        messages.error(request, exc.message)
        return redirect("matching:run", round_id=round_id, run_id=run_id)
    text = (
        f"Results published. E-mails queued to {result.mentees_emailed} mentee(s) and "
        f"{result.mentors_emailed} mentor(s)."
    )
    if result.mentees_kept_choice:
        text += (
            f" {result.mentees_kept_choice} mentee(s) who already asked a mentor keep their choice "
            "and were not e-mailed a new shortlist."
        )
    messages.success(request, text)
    return redirect("matching:run", round_id=round_id, run_id=run_id)
