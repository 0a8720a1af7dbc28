from __future__ import annotations

from django_tasks import task

from mentormatch.notifications.delivery import outbox_deliver_due


@task()
def deliver_outbox() -> dict[str, int]:
    return outbox_deliver_due()
