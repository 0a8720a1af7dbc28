"""The research profile's part in "Download my data" and "Erase my data" (see apps.py)."""

from __future__ import annotations

from typing import Any

from mentormatch.core.personal_data import model_row, model_rows
from mentormatch.directory.models import Profile, Publication


def profile_export(user: Any) -> dict[str, Any]:
    profile = Profile.objects.filter(user=user).first()
    return {
        "profile": model_row(profile) if profile else None,
        "publications": model_rows(Publication.objects.filter(profile__user=user)),
    }


def profile_erase(user: Any) -> None:
    """Remove the profile's text and publications; department and rank stay for the counts."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return
    profile.publications.all().delete()
    profile.person_id = f"erased-{user.pk}"
    profile.interests = ""
    profile.keywords = []
    profile.draft = None
    profile.track = ""
    profile.save()
