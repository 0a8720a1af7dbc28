from __future__ import annotations

from django_tasks import task

from mentormatch.mentorships.services import requests_expire_due, requests_remind_due


@task()
def process_requests() -> dict[str, int]:
    """Expire overdue requests, then remind mentors of the ones still waiting."""
    return {"expired": requests_expire_due(), "reminded": requests_remind_due()}
