"""Research-profile pages: the owner's view and editor, the read-only page potential matches
read, and the coordinator's import and stale-profile pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from mentormatch.accounts.access import coordinator_required
from mentormatch.directory import selectors, services
from mentormatch.directory.forms import (
    ImportForm,
    ProfileForm,
    PublicationFormSet,
    StaleRoundForm,
    draft_from_post,
    profile_initial,
)
from mentormatch.directory.importing import profiles_import
from mentormatch.directory.models import Profile, Track


@login_required
def me(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_of(user=request.user)
    draft_saved_at = None
    if profile and profile.draft and isinstance(profile.draft.get("saved_at"), str):
        draft_saved_at = parse_datetime(profile.draft["saved_at"])
    return render(
        request,
        "directory/me.html",
        {
            "profile": profile,
            "draft_saved_at": draft_saved_at,
            "track_label": _track(profile),
            "stale": profile is not None and selectors.profile_is_stale(profile),
        },
    )


def _track(profile: Profile | None) -> str:
    if profile is None:
        return ""
    return str(dict(Track.choices).get(profile.track, profile.track))


@login_required
def edit(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_of(user=request.user)
    current = {"rank": profile.rank, "track": profile.track} if profile else {}
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "discard":
            services.profile_discard_draft(user=request.user)
            messages.success(request, "Your draft is discarded; your saved profile is unchanged.")
            return redirect("directory:edit")
        current = {"rank": request.POST.get("rank", ""), "track": request.POST.get("track", "")}
        form = ProfileForm(request.POST, current=current)
        # Every row counts as optional: a row emptied by the owner is removed, not an error.
        data = request.POST.copy()
        data["pubs-INITIAL_FORMS"] = "0"
        formset = PublicationFormSet(data, prefix="pubs")
        if action == "add_publication":
            # Show the same typed text again with one more empty publication row.
            draft = draft_from_post(form, formset)
            fields = {k: v for k, v in draft.items() if k != "publications"}
            form = ProfileForm(initial=fields, current=current)
            formset = PublicationFormSet(initial=draft["publications"], prefix="pubs")
        elif action == "draft":
            services.profile_save_draft(user=request.user, draft=draft_from_post(form, formset))
            messages.success(
                request,
                "Your draft is saved. Your profile is not changed until you press Save.",
            )
            return redirect("directory:edit")
        elif form.is_valid() and formset.is_valid():
            publications = [
                f.cleaned_data
                for f in formset.forms
                if f.has_changed() and not f.cleaned_data.get("DELETE")
            ]
            services.profile_save(
                user=request.user,
                fields=form.cleaned_data,
                keywords=form.cleaned_data["keywords"],
                publications=publications,
            )
            messages.success(request, "Your profile is saved.")
            return redirect("directory:me")
    else:
        fields, pubs = profile_initial(profile)
        if profile and profile.draft:
            current = {"rank": fields.get("rank", ""), "track": fields.get("track", "")}
        form = ProfileForm(initial=fields, current=current)
        formset = PublicationFormSet(initial=pubs, prefix="pubs")
    has_errors = bool(form.errors) or any(f.errors for f in formset.forms)
    return render(
        request,
        "directory/edit.html",
        {
            "form": form,
            "formset": formset,
            "profile": profile,
            "has_errors": has_errors or bool(formset.non_form_errors()),
        },
    )


@login_required
def detail(request: HttpRequest, person_id: str) -> HttpResponse:
    profile = get_object_or_404(
        Profile.objects.select_related("user").prefetch_related("publications"),
        person_id=person_id,
    )
    if profile.user_id != request.user.pk and not selectors.may_view_profiles(user=request.user):
        raise Http404("No such page.")
    return render(
        request, "directory/detail.html", {"profile": profile, "track_label": _track(profile)}
    )


@coordinator_required
def import_profiles(request: HttpRequest) -> HttpResponse:
    report = None
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        report = profiles_import(file=upload.read(), filename=upload.name, actor=request.user)
        form = ImportForm()
    return render(request, "directory/import.html", {"form": form, "report": report})


@coordinator_required
def stale(request: HttpRequest) -> HttpResponse:
    form = StaleRoundForm(request.POST if request.method == "POST" else request.GET)
    round = form.cleaned_data.get("round") if form.is_valid() else None
    if request.method == "POST" and form.is_valid():
        queued = services.profiles_stale_notify(actor=request.user, round=round)
        messages.success(
            request,
            f"Queued {queued} reminder{'s' if queued != 1 else ''}. "
            "People already reminded for this round are not e-mailed again.",
        )
        url = reverse("directory:stale")
        return redirect(f"{url}?round={round.pk}" if round else url)
    profiles = list(selectors.stale_profiles(round=round))
    return render(
        request,
        "directory/stale.html",
        {"form": form, "profiles": profiles, "round": round, "cutoff": selectors.stale_cutoff()},
    )
