"""``manage.py db_restore FILE --yes``: replace the database with a backup (core/backups.py)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from mentormatch.core.backups import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Replace everything in the database with the backup FILE. Stop the web server and the "
        "workers first; run `manage.py migrate` after restoring an older backup."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="a backup made by db_backup")
        parser.add_argument(
            "--yes", action="store_true", help="confirm: the database's contents are replaced"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        db = connections["default"].settings_dict
        if not options["yes"]:
            raise CommandError(
                f"This replaces everything in the database {db['NAME']} with {options['file']}. "
                "Run again with --yes to do it."
            )
        connections.close_all()
        try:
            database_restore(db, Path(options["file"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Database {db['NAME']} restored from {options['file']}.")
