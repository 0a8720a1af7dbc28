from __future__ import annotations

from typing import Any

from django import forms

from mentormatch.mentorships.services import MESSAGE_MAX_LENGTH


class ChooseForm(forms.Form):
    message = forms.CharField(
        label="A note to the mentor (optional)",
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say briefly what you hope to get from the mentorship.",
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why you are declining (optional, private)",
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only you and the programme coordinators see this; the mentee does not.",
    )


class PauseForm(forms.Form):
    note = forms.CharField(
        label="Anything the coordinators should know (optional)",
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndForm(forms.Form):
    reason = forms.CharField(
        label="Why the mentorship ends (optional)",
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ManualMatchForm(forms.Form):
    mentee = forms.TypedChoiceField(label="Mentee", coerce=int)
    mentor = forms.TypedChoiceField(label="Mentor", coerce=int)
    reason = forms.CharField(
        label="Reason for the manual match",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required; written to the audit log.",
        error_messages={"required": "Give a reason for the manual match."},
    )
    over_capacity = forms.BooleanField(
        label="Match over capacity (the mentor has no places left)",
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        mentees: list[tuple[int, str]],
        mentors: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].choices = [("", "Choose a mentee"), *mentees]  # type: ignore[attr-defined]
        self.fields["mentor"].choices = [("", "Choose a mentor"), *mentors]  # type: ignore[attr-defined]
        self.fields["mentee"].error_messages["required"] = "Choose a mentee."
        self.fields["mentor"].error_messages["required"] = "Choose a mentor."
