from __future__ import annotations

from typing import Any

from django import forms


class AuditFilterForm(forms.Form):
    round = forms.TypedChoiceField(label="Round", required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label="Action", required=False)

    def __init__(
        self, *args: Any, rounds: list[tuple[int, str]], actions: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        round_field = self.fields["round"]
        action_field = self.fields["action"]
        assert isinstance(round_field, forms.ChoiceField)
        assert isinstance(action_field, forms.ChoiceField)
        round_field.choices = [("", "All rounds"), *rounds]
        action_field.choices = [("", "All actions"), *[(a, a) for a in actions]]
