"""Coordinator pages for rounds: list, create, edit, open, close, invite, the round page.

Every view is for coordinators only (``coordinator_required``); objects are loaded by URL
through :func:`_round_or_404`, which 404s for ids that do not exist or do not belong together.
Writes go through :mod:`mentormatch.rounds.services`.  Higher apps add sections to the round
page (matching runs, where participants stand) through :mod:`mentormatch.rounds.page_sections`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentormatch.accounts.access import coordinator_required
from mentormatch.rounds import selectors, services
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.forms import ParticipantAddForm, RoundForm
from mentormatch.rounds.models import Participation, Round, RoundStatus
from mentormatch.rounds.page_sections import round_page_sections


def _round_or_404(round_id: int) -> Round:
    return get_object_or_404(Round, pk=round_id)


@require_GET
@coordinator_required
def round_list(request: HttpRequest) -> HttpResponse:
    return render(request, "rounds/round_list.html", {"rounds": selectors.rounds_list()})


@require_http_methods(["GET", "POST"])
@coordinator_required
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None, initial={"shortlist_size": 3})
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_create(actor=request.user, **form.service_kwargs())
        except RoundError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"Round “{round.name}” created as a draft.")
            return redirect("rounds:detail", round_id=round.pk)
    return render(request, "rounds/round_form.html", {"form": form, "round": None})


@require_http_methods(["GET", "POST"])
@coordinator_required
def round_edit(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round_or_404(round_id)
    form = RoundForm(request.POST or None, initial=RoundForm.initial_for(round))
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(
                round=round, actor=request.user, **form.service_kwargs(round=round)
            )
        except RoundError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, "Round details saved.")
            return redirect("rounds:detail", round_id=round.pk)
    return render(request, "rounds/round_form.html", {"form": form, "round": round})


@require_GET
@coordinator_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round_or_404(round_id)
    return render(request, "rounds/round_detail.html", _detail_context(round))


def _detail_context(round: Round, add_form: ParticipantAddForm | None = None) -> dict:
    return {
        "round": round,
        "sections": round_page_sections(round=round),
        "add_form": add_form or ParticipantAddForm(),
        "RoundStatus": RoundStatus,
    }


def _act(request: HttpRequest, round: Round, action: str) -> HttpResponse:
    try:
        if action == "open":
            services.round_open(round=round, actor=request.user)
            messages.success(request, "The round is open.")
        elif action == "close":
            services.round_close(round=round, actor=request.user)
            messages.success(request, "The round is closed.")
        elif action == "invite":
            result = services.participants_invite(round=round, actor=request.user)
            messages.success(
                request,
                f"Invited {result.mentees} new mentee(s) and {result.mentors} new mentor(s).",
            )
    except RoundError as exc:
        messages.error(request, exc.message)
    return redirect("rounds:detail", round_id=round.pk)


@require_POST
@coordinator_required
def round_open(request: HttpRequest, round_id: int) -> HttpResponse:
    return _act(request, _round_or_404(round_id), "open")


@require_POST
@coordinator_required
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    return _act(request, _round_or_404(round_id), "close")


@require_POST
@coordinator_required
def round_invite(request: HttpRequest, round_id: int) -> HttpResponse:
    return _act(request, _round_or_404(round_id), "invite")


@require_POST
@coordinator_required
def participant_add(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round_or_404(round_id)
    form = ParticipantAddForm(request.POST)
    if form.is_valid():
        user = form.cleaned_data["person"]
        try:
            services.participant_add(
                round=round,
                actor=request.user,
                user=user,
                role=form.cleaned_data["role"],
                capacity=form.cleaned_data["capacity"],
            )
        except RoundError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Added {user.display_name} as {form.cleaned_data['role']}.")
            return redirect("rounds:detail", round_id=round.pk)
    return render(request, "rounds/round_detail.html", _detail_context(round, form), status=400)


@require_POST
@coordinator_required
def participant_remove(request: HttpRequest, round_id: int, participation_id: int) -> HttpResponse:
    participation = get_object_or_404(
        Participation.objects.select_related("user"), pk=participation_id, round_id=round_id
    )
    try:
        services.participant_remove(participation=participation, actor=request.user)
    except RoundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Removed {participation.user.display_name} from the round.")
    return redirect("rounds:detail", round_id=round_id)
