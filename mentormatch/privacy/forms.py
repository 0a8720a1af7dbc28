from __future__ import annotations

from django import forms


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that my personal data will be erased and I will be signed out.",
        required=True,
        error_messages={"required": "Tick the box to confirm that you want your data erased."},
    )
