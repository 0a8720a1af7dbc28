"""Writing research profiles: the owner's drafts and saves, and stale-profile reminders."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.directory.emails import send_profile_stale
from mentormatch.directory.models import Profile, Publication
from mentormatch.directory.selectors import stale_profiles
from mentormatch.rounds.models import Round

PROFILE_FIELDS = ("department", "rank", "track", "interests")


def profile_get_or_create(*, user: Any) -> Profile:
    """The user's profile; a new one is keyed by the username (as an import would key it)."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    person_id = user.username
    if Profile.objects.filter(person_id=person_id).exists():
        person_id = f"user-{user.pk}"
    profile, _ = Profile.objects.get_or_create(user=user, defaults={"person_id": person_id})
    return profile


def profile_save_draft(*, user: Any, draft: dict[str, Any]) -> Profile:
    """Keep the typed form as a draft; the saved profile does not change.

    Written with ``update()`` so that a draft does not count as refreshing the profile.
    """
    with transaction.atomic():
        profile = profile_get_or_create(user=user)
        draft = {**draft, "saved_at": timezone.now().isoformat()}
        Profile.objects.filter(pk=profile.pk).update(draft=draft)
        profile.draft = draft
    return profile


def profile_discard_draft(*, user: Any) -> None:
    Profile.objects.filter(user=user).update(draft=None)


def profile_save(
    *, user: Any, fields: dict[str, Any], keywords: list[str], publications: list[dict[str, Any]]
) -> Profile:
    """Save validated profile data: replaces the publications, drops any draft, and marks the
    profile confirmed now (so it is no longer stale)."""
    with transaction.atomic():
        profile = profile_get_or_create(user=user)
        for key in PROFILE_FIELDS:
            setattr(profile, key, fields.get(key, "") or "")
        profile.keywords = keywords
        profile.draft = None
        profile.confirmed_at = timezone.now()
        profile.stale_notice_sent_at = None
        profile.save()
        profile.publications.all().delete()
        Publication.objects.bulk_create(
            Publication(
                profile=profile,
                title=p["title"],
                abstract=p.get("abstract") or "",
                year=p.get("year"),
            )
            for p in publications
        )
    return profile


def profiles_stale_notify(*, actor: Any, round: Round | None = None) -> int:
    """E-mail the owner of every stale profile (once per profile per round); return how many
    e-mails were queued.  Owners without an e-mail address are skipped."""
    queued = 0
    now = timezone.now()
    with transaction.atomic():
        for profile in stale_profiles(round=round):
            message = send_profile_stale(profile=profile, round=round)
            if message is not None:
                Profile.objects.filter(pk=profile.pk).update(stale_notice_sent_at=now)
                queued += 1
        audit_record(
            actor=actor,
            action="profiles.stale_notify",
            round_id=round.pk if round else None,
            summary=f"Sent {queued} stale-profile reminders",
            details={"queued": queued},
        )
    return queued
