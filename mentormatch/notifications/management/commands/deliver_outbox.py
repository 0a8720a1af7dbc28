"""``manage.py deliver_outbox [--loop]``: send what the outbox holds, from the command line.

The task worker normally does this (each queued e-mail starts a delivery task, and a pass that
leaves messages waiting schedules the next one).  This command is for cron, for task backends
that cannot defer tasks, and for operators who want to flush the outbox by hand.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mentormatch.notifications.delivery import outbox_deliver_due


class Command(BaseCommand):
    help = "Send the e-mails that are due; with --loop, keep doing so every few seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running until stopped")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconds between passes with --loop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            counts = outbox_deliver_due()
            if any(counts.values()) or not options["loop"]:
                self.stdout.write(
                    f"sent {counts['sent']}, to retry {counts['retry']}, "
                    f"given up {counts['failed']}"
                )
            if not options["loop"]:
                return
            time.sleep(max(0.1, options["interval"]))
