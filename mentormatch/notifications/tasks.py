"""Background work for the outbox: a delivery pass that schedules the next one.

The task and its follow-up scheduling live together because the task queues itself: a pass
that leaves messages waiting queues one deferred pass for when the next message is due.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django_tasks import task

from mentormatch.notifications.delivery import outbox_deliver_due, outbox_wakeup_claim


def outbox_schedule_followup(*, now: datetime | None = None) -> datetime | None:
    """Queue one delivery pass for the next waiting message, unless one is already due first.

    Returns the time of the pass scheduled by this call, or None when nothing was scheduled
    (nothing waits, an earlier pass is already scheduled, or the task backend cannot defer).
    """
    due = outbox_wakeup_claim(now=now)
    if due is not None:
        run_after = due
        transaction.on_commit(lambda: deliver_outbox.using(run_after=run_after).enqueue())
    return due


def outbox_deliver_and_reschedule() -> dict[str, int]:
    """One delivery pass, then a follow-up pass scheduled if anything is left waiting."""
    counts = outbox_deliver_due()
    outbox_schedule_followup()
    return counts


@task()
def deliver_outbox() -> dict[str, int]:
    """Send what is due; if anything is left waiting, schedule the next pass."""
    return outbox_deliver_and_reschedule()
