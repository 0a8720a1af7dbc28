"""Coordinator forms for rounds: create/edit a round, add a person by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from mentormatch.rounds.models import ParticipantRole, Round

MODES = [
    ("optimal", "Optimal: most mentees matched, then the highest total score"),
    ("fair", "Fair: most mentees matched, then the worst-off mentee as well off as possible"),
    ("stable", "Stable: no mentee and mentor would both rather be with each other"),
]


class DateInput(forms.DateInput):
    input_type = "date"


class RoundForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown in the invitation e-mail.",
    )
    opens_on = forms.DateField(label="Opens on", widget=DateInput, help_text="YYYY-MM-DD")
    closes_on = forms.DateField(label="Closes on", widget=DateInput, help_text="YYYY-MM-DD")
    departments = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One department a line. Leave empty to invite every department.",
    )
    shortlist_size = forms.IntegerField(
        label="Mentors on each shortlist", min_value=1, max_value=10, initial=3
    )
    min_rank_gap = forms.IntegerField(
        label="Ranks a mentor must be above the mentee",
        min_value=0,
        max_value=3,
        initial=1,
        help_text="0 lets peers of the same rank mentor each other.",
    )
    mode = forms.ChoiceField(label="Matching goal", choices=MODES, initial="optimal")
    affinity_weight = forms.FloatField(
        label="Weight of research affinity",
        min_value=0,
        max_value=10,
        initial=1.0,
        help_text="How much shared research topics count against questionnaire preferences.",
    )

    def clean_departments(self) -> list[str]:
        raw = self.cleaned_data.get("departments") or ""
        return [line.strip() for line in raw.splitlines() if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", "The closing date must be on or after the opening date.")
        return data

    @classmethod
    def initial_for(cls, round: Round) -> dict[str, Any]:
        settings = round.matching_settings or {}
        return {
            "name": round.name,
            "description": round.description,
            "opens_on": round.opens_on,
            "closes_on": round.closes_on,
            "departments": "\n".join(round.departments or []),
            "shortlist_size": round.shortlist_size,
            "min_rank_gap": round.min_rank_gap,
            "mode": settings.get("mode", "optimal"),
            "affinity_weight": settings.get("affinity_weight", 1.0),
        }

    def service_kwargs(self, round: Round | None = None) -> dict[str, Any]:
        data = self.cleaned_data
        matching_settings = dict(round.matching_settings or {}) if round else {}
        matching_settings.update({"mode": data["mode"], "affinity_weight": data["affinity_weight"]})
        return {
            "name": data["name"],
            "description": data["description"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "departments": data["departments"],
            "shortlist_size": data["shortlist_size"],
            "min_rank_gap": data["min_rank_gap"],
            "matching_settings": matching_settings,
        }


class ParticipantAddForm(forms.Form):
    person = forms.CharField(
        label="Username or e-mail address", max_length=254, help_text="Someone with an account."
    )
    role = forms.ChoiceField(
        choices=ParticipantRole.choices, widget=forms.RadioSelect, initial=ParticipantRole.MENTEE
    )
    capacity = forms.IntegerField(
        label="Mentees they take (mentors only)",
        required=False,
        min_value=0,
        max_value=20,
        help_text="Leave empty to let their questionnaire answer decide.",
    )

    def clean_person(self) -> Any:
        value = self.cleaned_data["person"].strip()
        users = get_user_model().objects.filter(Q(username__iexact=value) | Q(email__iexact=value))
        matches = list(users[:2])
        if len(matches) != 1:
            raise forms.ValidationError(
                "No one has that username or e-mail address."
                if not matches
                else "More than one person has that e-mail address; use the username."
            )
        return matches[0]
