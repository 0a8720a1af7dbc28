"""Participants' pages: the shortlist, choosing, answering and withdrawing requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentormatch.accounts.access import (
    can_view_confidential,
    get_for_owner_or_404,
    get_for_owner_or_coordinator_or_404,
)
from mentormatch.accounts.models import User
from mentormatch.accounts.services import confidential_view_logged
from mentormatch.matching.models import Suggestion
from mentormatch.mentorships import selectors, services
from mentormatch.mentorships.forms import ChooseForm, DeclineForm, PauseForm
from mentormatch.mentorships.models import MentorshipRequest, RequestStatus
from mentormatch.rounds.models import Round


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "mentorships/mine.html",
        {
            "mentorships": selectors.mentorships_for_user(user=user),
            "sent": selectors.requests_for_mentee(mentee=user)[:20],
            "received_pending": selectors.requests_for_mentor(mentor=user).filter(
                status=RequestStatus.PENDING
            ),
            "shortlist_rounds": selectors.rounds_with_shortlist(mentee=user),
        },
    )


@login_required
def shortlist(request: HttpRequest, round_id: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    user = request.user
    return render(
        request,
        "mentorships/shortlist.html",
        {
            "round": round,
            "entries": selectors.shortlist_entries(round=round, mentee=user),
            "pending": selectors.pending_request(round=round, mentee=user),
            "mentorship": selectors.active_mentorship(round=round, mentee=user),
            "pause": selectors.pause_for(round=round, mentee=user),
            "accepts_requests": services.round_accepts_requests(round),
        },
    )


@login_required
def choose(request: HttpRequest, round_id: int, suggestion_id: int) -> HttpResponse:
    """GET: the confirmation page for one suggestion; POST: send the request."""
    round = get_object_or_404(Round, pk=round_id)
    suggestion = get_for_owner_or_404(
        Suggestion.objects.filter(run__round=round, run__is_published=True).select_related(
            "mentor", "mentor__profile"
        ),
        request.user,
        "mentee",
        pk=suggestion_id,
    )
    entry = next(
        (
            e
            for e in selectors.shortlist_entries(round=round, mentee=request.user)
            if e.mentor.pk == suggestion.mentor_id
        ),
        None,
    )
    form = ChooseForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.request_create(
                round=round,
                mentee=request.user,
                mentor=suggestion.mentor,
                suggestion=suggestion,
                message=form.cleaned_data["message"],
            )
        except services.MentorshipError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                f"Your request has gone to {suggestion.mentor.display_name}. "
                "We will e-mail you when they answer.",
            )
            return redirect("mentorships:shortlist", round_id=round.pk)
    return render(
        request,
        "mentorships/choose.html",
        {"round": round, "suggestion": suggestion, "entry": entry, "form": form, "error": error},
        status=400 if error or form.errors else 200,
    )


@login_required
def pause(request: HttpRequest, round_id: int) -> HttpResponse:
    """ "Not this round": GET asks for confirmation; POST records the pause."""
    round = get_object_or_404(Round, pk=round_id)
    form = PauseForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.pause_create(round=round, mentee=request.user, note=form.cleaned_data["note"])
        except services.MentorshipError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                "You have paused for this round. The coordinators can see this; you can still "
                "choose a mentor later.",
            )
            return redirect("mentorships:shortlist", round_id=round.pk)
    return render(
        request,
        "mentorships/pause.html",
        {
            "round": round,
            "form": form,
            "error": error,
            "pending": selectors.pending_request(round=round, mentee=request.user),
        },
        status=400 if error or form.errors else 200,
    )


@login_required
@require_POST
def resume(request: HttpRequest, round_id: int) -> HttpResponse:
    round = get_object_or_404(Round, pk=round_id)
    services.pause_lift(round=round, mentee=request.user)
    messages.success(request, "You are no longer paused for this round.")
    return redirect("mentorships:shortlist", round_id=round.pk)


@login_required
def incoming(request: HttpRequest) -> HttpResponse:
    reqs = selectors.requests_for_mentor(mentor=request.user)
    return render(
        request,
        "mentorships/incoming.html",
        {
            "pending": reqs.filter(status=RequestStatus.PENDING),
            "answered": reqs.exclude(status=RequestStatus.PENDING)[:50],
            "places": selectors.places_of_mentor(mentor=request.user),
        },
    )


def _request_queryset() -> QuerySet[MentorshipRequest]:
    return MentorshipRequest.objects.select_related(
        "round", "mentee", "mentor", "mentee__profile", "suggestion"
    )


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    req = get_for_owner_or_coordinator_or_404(
        _request_queryset(), request.user, ("mentee", "mentor"), pk=request_id
    )
    user = request.user
    is_mentor = req.mentor_id == user.pk
    show_reason = bool(req.decline_reason) and (
        is_mentor or (req.mentee_id != user.pk and can_view_confidential(user, req.mentor))
    )
    if show_reason and not is_mentor and isinstance(user, User):
        confidential_view_logged(
            viewer=user,
            subject=req.mentor,
            what=f"decline reason (request {req.pk}, round {req.round_id})",
            request=request,
        )
    return render(
        request,
        "mentorships/request_detail.html",
        {
            "req": req,
            "is_mentor": is_mentor,
            "is_mentee": req.mentee_id == user.pk,
            "show_reason": show_reason,
            "mentee_profile_url": selectors.profile_url(req.mentee),
            "is_pending": req.status == RequestStatus.PENDING,
        },
    )


@login_required
def request_accept(request: HttpRequest, request_id: int) -> HttpResponse:
    req = get_for_owner_or_404(_request_queryset(), request.user, "mentor", pk=request_id)
    error = ""
    if request.method == "POST":
        try:
            services.request_accept(request=req, mentor=request.user)
        except services.MentorshipError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                f"You are now mentoring {req.mentee.display_name}. We have told them.",
            )
            return redirect("mentorships:mine")
    return render(
        request,
        "mentorships/request_accept.html",
        {"req": req, "error": error},
        status=400 if error else 200,
    )


@login_required
def request_decline(request: HttpRequest, request_id: int) -> HttpResponse:
    req = get_for_owner_or_404(_request_queryset(), request.user, "mentor", pk=request_id)
    form = DeclineForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.request_decline(
                request=req, mentor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.MentorshipError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                f"You declined {req.mentee.display_name}'s request. They will choose again.",
            )
            return redirect("mentorships:incoming")
    return render(
        request,
        "mentorships/request_decline.html",
        {"req": req, "form": form, "error": error},
        status=400 if error or form.errors else 200,
    )


@login_required
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    req = get_for_owner_or_404(_request_queryset(), request.user, "mentee", pk=request_id)
    error = ""
    if request.method == "POST":
        try:
            services.request_withdraw(request=req, mentee=request.user)
        except services.MentorshipError as exc:
            error = exc.message
        else:
            messages.success(request, "Your request is withdrawn. You can choose again.")
            return redirect("mentorships:shortlist", round_id=req.round_id)
    return render(
        request,
        "mentorships/request_withdraw.html",
        {"req": req, "error": error},
        status=400 if error else 200,
    )
