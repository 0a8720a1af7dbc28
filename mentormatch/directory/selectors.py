"""Reading research profiles."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from mentormatch.directory.models import Profile
from mentormatch.rounds.models import Participation, Round


def profile_of(*, user: Any) -> Profile | None:
    return Profile.objects.filter(user=user).prefetch_related("publications").first()


def stale_cutoff(*, now: datetime | None = None) -> datetime:
    days = int(settings.MENTORMATCH["PROFILE_STALE_DAYS"])
    return (now or timezone.now()) - timedelta(days=days)


def stale_profiles(*, round: Round | None = None, now: datetime | None = None) -> QuerySet[Profile]:
    """Profiles not saved by their owner or refreshed by an import within PROFILE_STALE_DAYS.

    ``updated_at`` moves on every real change (owner's save, import); drafts and the reminder
    bookkeeping are written with ``update()`` and so do not count.  With ``round``, only the
    profiles of people taking part in it (not withdrawn).
    """
    cutoff = stale_cutoff(now=now)
    profiles = Profile.objects.filter(updated_at__lt=cutoff).exclude(confirmed_at__gte=cutoff)
    if round is not None:
        users = Participation.objects.filter(round=round, withdrawn_at__isnull=True).values(
            "user_id"
        )
        profiles = profiles.filter(user_id__in=users)
    return profiles.select_related("user").order_by("updated_at", "id")


def profile_is_stale(profile: Profile, *, now: datetime | None = None) -> bool:
    """The same rule as :func:`stale_profiles`, for one profile."""
    cutoff = stale_cutoff(now=now)
    fresh = profile.updated_at >= cutoff or (
        profile.confirmed_at is not None and profile.confirmed_at >= cutoff
    )
    return not fresh


def may_view_profiles(*, user: Any) -> bool:
    """Signed-in programme members (mentees, mentors, participants, coordinators) may read
    other people's profiles: it is what potential matches read."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_mentee or user.is_mentor or user.is_coordinator:
        return True
    return Participation.objects.filter(user=user, withdrawn_at__isnull=True).exists()
