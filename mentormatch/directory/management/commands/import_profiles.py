"""``manage.py import_profiles PATH``: the coordinator's import, from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentormatch.directory.importing import profiles_import


class Command(BaseCommand):
    help = "Import research profiles from a CSV or JSON Lines file of person records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a .csv or .jsonl file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror})") from None
        report = profiles_import(file=raw, filename=path.name, actor=None)
        if report.file_error:
            raise CommandError(f"{path}: nothing imported. {report.file_error}")
        for error in report.errors:
            self.stderr.write(f"{path} line {error.line}: {error.reason}")
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, "
            f"{len(report.errors)} bad rows skipped."
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} rows were not imported (see above).")
