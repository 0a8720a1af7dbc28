"""Forms: the owner's profile editor (with publications) and the coordinator's import upload."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms import formset_factory

from mentormatch.directory.models import Profile, Rank, Track
from mentormatch.rounds.models import Round, RoundStatus

MAX_KEYWORDS = 50


def _with_current(choices: list[tuple[str, str]], current: str) -> list[tuple[str, str]]:
    """The standard choices, plus an imported non-standard value so it is not lost."""
    out = [("", "Choose…"), *choices]
    if current and current not in {value for value, _ in choices}:
        out.append((current, current))
    return out


def split_keywords(text: str) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for part in text.split(","):
        word = " ".join(part.split())
        if word and word.lower() not in seen:
            seen.add(word.lower())
            out.append(word)
    return out


class ProfileForm(forms.Form):
    department = forms.CharField(label="Department", max_length=200, required=True)
    rank = forms.ChoiceField(label="Academic rank", required=True)
    track = forms.ChoiceField(label="Career track", required=False)
    interests = forms.CharField(
        label="Research interests",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A few sentences in your own words; potential matches read them.",
    )
    keywords = forms.CharField(
        label="Keywords",
        required=False,
        max_length=2000,
        help_text="Separated by commas, for example: sepsis, critical care, health equity.",
    )

    def __init__(self, *args: Any, current: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = current or {}
        rank_field = self.fields["rank"]
        track_field = self.fields["track"]
        assert isinstance(rank_field, forms.ChoiceField)
        assert isinstance(track_field, forms.ChoiceField)
        rank_field.choices = _with_current(list(Rank.choices), current.get("rank", ""))
        track_field.choices = _with_current(list(Track.choices), current.get("track", ""))

    def clean_keywords(self) -> list[str]:
        words = split_keywords(self.cleaned_data.get("keywords") or "")
        if len(words) > MAX_KEYWORDS:
            raise forms.ValidationError(f"Please give at most {MAX_KEYWORDS} keywords.")
        if any(len(w) > 100 for w in words):
            raise forms.ValidationError("Each keyword must be at most 100 characters long.")
        return words

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("interests") or self.data.get("keywords", "").strip()):
            self.add_error("interests", "Describe your research interests or give a few keywords.")
        return data


class PublicationForm(forms.Form):
    title = forms.CharField(label="Title", max_length=1000, required=True)
    year = forms.CharField(
        label="Year",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
    )
    abstract = forms.CharField(
        label="Abstract", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_year(self) -> int | None:
        raw = (self.cleaned_data.get("year") or "").strip()
        if not raw:
            return None
        if not raw.isdigit():
            raise forms.ValidationError("Enter the year as four digits, for example 2021.")
        year = int(raw)
        latest = datetime.date.today().year + 1
        if not 1900 <= year <= latest:
            raise forms.ValidationError(f"Enter a year between 1900 and {latest}.")
        return year


# A profile lists at most this many publications.  ``absolute_max`` is the same number, so a
# posted ``pubs-TOTAL_FORMS=100000`` builds 200 forms and an error, not Django's default of
# max_num + 1000 forms (seconds of work and a megabyte page).
MAX_PUBLICATIONS = 200
PublicationFormSet = formset_factory(
    PublicationForm,
    extra=1,
    can_delete=True,
    max_num=MAX_PUBLICATIONS,
    absolute_max=MAX_PUBLICATIONS,
    validate_max=True,
)


def profile_initial(profile: Profile | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Initial data for the editor: the draft when there is one, else the saved profile."""
    if profile is None:
        return {}, []
    if profile.draft:
        draft = profile.draft
        fields = {k: draft.get(k, "") for k in ("department", "rank", "track", "interests")}
        fields["keywords"] = draft.get("keywords", "")
        return fields, list(draft.get("publications") or [])
    fields = {
        "department": profile.department,
        "rank": profile.rank,
        "track": profile.track,
        "interests": profile.interests,
        "keywords": ", ".join(profile.keywords or []),
    }
    pubs = [
        {"title": p.title, "abstract": p.abstract, "year": "" if p.year is None else str(p.year)}
        for p in profile.publications.all()
    ]
    return fields, pubs


def draft_from_post(form: ProfileForm, formset: Any) -> dict[str, Any]:
    """Everything typed, as typed: nothing is validated, nothing is dropped but deleted rows."""
    data = form.data
    draft: dict[str, Any] = {
        key: str(data.get(key, "")) for key in ("department", "rank", "track", "interests")
    }
    draft["keywords"] = str(data.get("keywords", ""))
    pubs: list[dict[str, str]] = []
    for sub in formset.forms:
        prefix = sub.prefix
        if sub.data.get(f"{prefix}-DELETE"):
            continue
        pub = {k: str(sub.data.get(f"{prefix}-{k}", "")) for k in ("title", "abstract", "year")}
        if any(v.strip() for v in pub.values()):
            pubs.append(pub)
    draft["publications"] = pubs
    return draft


class ImportForm(forms.Form):
    file = forms.FileField(
        label="File (CSV or JSON Lines)",
        help_text="UTF-8; .csv with a header line, or .jsonl with one person record a line.",
    )


class StaleRoundForm(forms.Form):
    round = forms.ModelChoiceField(
        label="Round",
        queryset=Round.objects.filter(status__in=[RoundStatus.DRAFT, RoundStatus.OPEN]),
        required=False,
        empty_label="All profiles (no round)",
        help_text="Only the profiles of people taking part in this round.",
    )
