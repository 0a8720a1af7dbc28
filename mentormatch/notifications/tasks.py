"""Background work for the outbox: thin wrappers around :mod:`.delivery`."""

from __future__ import annotations

from django_tasks import task

from mentormatch.notifications.delivery import outbox_deliver_and_reschedule


@task()
def deliver_outbox() -> dict[str, int]:
    """Send what is due; if anything is left waiting, schedule the next pass."""
    return outbox_deliver_and_reschedule()
