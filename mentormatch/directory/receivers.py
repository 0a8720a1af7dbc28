"""The directory app's part in a directory sign-in (connected in apps.py).

A person who signs in through the institution's directory gets a research profile, with the
department and rank the directory gives; a person the profile importer created earlier is
found by their directory id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mentormatch.directory.models import Profile, Rank

# The longest value each profile field holds.
_PROFILE_FIELDS = {"department": 200, "rank": 64}


def rank_from_directory(value: str) -> str:
    """The programme's rank name for a directory title ("associate professor" → "Associate
    Professor"); any other title is kept as the directory gives it."""
    for rank in Rank:
        if value.strip().lower() == rank.value.lower():
            return rank.value
    return value.strip()[:64]


def imported_user_by_person_id(person_id: str) -> Any:
    profile = Profile.objects.select_related("user").filter(person_id=person_id).first()
    return profile.user if profile is not None else None


def profile_from_directory(
    sender: Any,
    *,
    user: Any,
    attributes: Mapping[str, str],
    username: str,
    source: str,
    **kwargs: Any,
) -> None:
    """Create the person's profile on first sign-in; refresh department and rank each time."""
    person_id = (attributes.get("person_id") or "").strip()
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        pid = person_id or username
        if Profile.objects.filter(person_id=pid).exists():
            pid = f"{source}:{username}"
        profile = Profile(user=user, person_id=pid[:128])
    for field, length in _PROFILE_FIELDS.items():
        value = (attributes.get(field) or "").strip()
        if value:
            value = rank_from_directory(value) if field == "rank" else value
            setattr(profile, field, value[:length])
    profile.save()
