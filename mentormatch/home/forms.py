from __future__ import annotations

from django import forms

from mentormatch.home.models import InfoPage

RESERVED_SLUGS = {"add"}


class InfoPageForm(forms.ModelForm):
    class Meta:
        model = InfoPage
        fields = ["title", "slug", "body", "position", "published"]
        labels = {
            "slug": "Web address",
            "body": "Text",
            "position": "Order in the list",
            "published": "Published (visible to everyone)",
        }
        help_texts = {
            "slug": "Lower-case letters, digits and hyphens; the page is at /about/<address>/.",
            "body": "Plain text. Leave a blank line between paragraphs.",
            "position": "Pages are listed from the lowest number up.",
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError("This address is reserved. Please choose another.")
        return slug
