"""The directory's e-mail: "please check your research profile" (``emails/profile_stale.*``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from mentormatch.core.links import absolute_url
from mentormatch.directory.models import Profile
from mentormatch.notifications.models import OutboxMessage
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.rounds.models import Round


def _dedupe_key(profile: Profile, round: Round | None) -> str:
    if round is not None:
        return f"profile_stale:round-{round.pk}:profile-{profile.pk}"
    # Without a round: once per staleness episode (a new save starts a new one).
    return f"profile_stale:profile-{profile.pk}:{profile.updated_at:%Y%m%d%H%M%S}"


def send_profile_stale(*, profile: Profile, round: Round | None = None) -> OutboxMessage | None:
    """Ask the owner to review their profile: once per round, or once per staleness episode
    without a round.  None when nothing was queued (no address, or sent before)."""
    user: Any = profile.user
    if not user.email:
        return None
    return outbox_enqueue(
        dedupe_key=_dedupe_key(profile, round),
        template="profile_stale",
        to_email=user.email,
        recipient=user,
        context={
            "user": user,
            "profile": profile,
            "round": round,
            "days": int(settings.MENTORMATCH["PROFILE_STALE_DAYS"]),
            "edit_url": absolute_url("directory:edit"),
        },
    )
