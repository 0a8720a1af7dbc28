from __future__ import annotations

from django_tasks import task

from mentormatch.directory.services import profiles_stale_notify
from mentormatch.rounds.models import Round


@task()
def notify_stale_profiles(round_id: int | None = None) -> int:
    """Remind the owners of stale profiles (of a round's participants, when given)."""
    round = Round.objects.get(pk=round_id) if round_id is not None else None
    return profiles_stale_notify(actor=None, round=round)
