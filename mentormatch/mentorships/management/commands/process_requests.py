"""Expire overdue mentoring requests and send reminders.

Run it regularly (the demo runs it on start; in production, cron every hour):

    python manage.py process_requests

Safe to run several at once: each request is claimed with a conditional update.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mentormatch.mentorships.services import requests_expire_due, requests_remind_due


class Command(BaseCommand):
    help = "Expire overdue mentoring requests and remind mentors of waiting ones."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = requests_expire_due()
        reminded = requests_remind_due()
        self.stdout.write(f"Expired {expired} request(s); sent {reminded} reminder(s).")
