"""Coordinators' pages for a round's requests and mentorships. Every action is audited."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mentormatch.accounts.access import coordinator_required
from mentormatch.accounts.models import User
from mentormatch.audit.services import audit_record
from mentormatch.core.exports import to_csv
from mentormatch.mentorships import selectors, services
from mentormatch.mentorships.exports import MATCH_HEADERS, match_rows
from mentormatch.mentorships.forms import EndForm, ManualMatchForm
from mentormatch.mentorships.models import Mentorship
from mentormatch.rounds.models import Round


@coordinator_required
def rounds_index(request: HttpRequest) -> HttpResponse:
    return render(request, "mentorships/coordinate.html", {"rounds": Round.objects.all()})


@coordinator_required
def round_overview(request: HttpRequest, round_id: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    return render(
        request,
        "mentorships/round_overview.html",
        {
            "round": round,
            "requests": selectors.round_requests(round=round),
            "mentorships": selectors.round_mentorships(round=round),
        },
    )


@coordinator_required
def unmatched(request: HttpRequest, round_id: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    return render(
        request,
        "mentorships/unmatched.html",
        {"round": round, "rows": selectors.unmatched_mentees(round=round)},
    )


@coordinator_required
def manual_match(request: HttpRequest, round_id: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    rooms = selectors.mentors_with_room(round=round)
    mentees = [(p.user_id, p.user.display_name) for p in selectors.mentees_in_round(round=round)]
    mentors = [
        (
            r.participation.user_id,
            f"{r.participation.user.display_name} "
            f"({r.load} of {r.participation.capacity} places taken)",
        )
        for r in rooms
    ]
    initial = {}
    if request.method == "GET" and request.GET.get("mentee", "").isdigit():
        initial["mentee"] = int(request.GET["mentee"])
    form = ManualMatchForm(request.POST or None, initial=initial, mentees=mentees, mentors=mentors)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentorship = services.mentorship_create_manual(
                round=round,
                mentee=User.objects.get(pk=data["mentee"]),
                mentor=User.objects.get(pk=data["mentor"]),
                reason=data["reason"],
                actor=request.user,
                over_capacity=data["over_capacity"],
                http_request=request,
            )
        except services.MentorshipError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                f"Matched {mentorship.mentee.display_name} with "
                f"{mentorship.mentor.display_name}. Both have been told.",
            )
            return redirect("mentorships:round_overview", round_id=round.pk)
    return render(
        request,
        "mentorships/manual_match.html",
        {"round": round, "form": form, "error": error, "rooms": rooms},
        status=400 if error or form.errors else 200,
    )


@coordinator_required
def export_csv(request: HttpRequest, round_id: int) -> HttpResponse:
    """The matches as CSV: the same rows and columns as the dashboard's matches export."""
    round = get_object_or_404(Round, pk=round_id)
    rows = match_rows(round=round)
    audit_record(
        actor=request.user,
        action="mentorship.export_csv",
        round_id=round.pk,
        summary=f"Exported the matches of {round.name} as CSV",
        details={"rows": len(rows)},
        request=request,
    )
    response = HttpResponse(to_csv(MATCH_HEADERS, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="matches-round-{round.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@coordinator_required
def mentorship_end(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("round", "mentee", "mentor"), pk=mentorship_id
    )
    form = EndForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.mentorship_end(
                mentorship=mentorship,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                http_request=request,
            )
        except services.MentorshipError as exc:
            error = exc.message
        else:
            messages.success(request, "The mentorship has ended.")
            return redirect("mentorships:round_overview", round_id=mentorship.round_id)
    return render(
        request,
        "mentorships/mentorship_end.html",
        {"mentorship": mentorship, "form": form, "error": error},
        status=400 if error or form.errors else 200,
    )
