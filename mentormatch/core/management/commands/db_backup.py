"""``manage.py db_backup [FILE]``: a backup of the site's database (see core/backups.py)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from mentormatch.core.backups import BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the database to FILE (default: var/backups/mentormatch-<time>.<ext>)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", nargs="?", help="where to write the backup")

    def handle(self, *args: Any, **options: Any) -> None:
        db = connections["default"].settings_dict
        suffix = "dump" if "postgresql" in db["ENGINE"] else "sqlite3"
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = Path(options["file"] or f"var/backups/mentormatch-{stamp}.{suffix}")
        try:
            written = database_backup(db, target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written to {written} ({written.stat().st_size:,} bytes).")
