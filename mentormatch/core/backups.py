"""Backing up and restoring the site's database (``manage.py db_backup`` / ``db_restore``).

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists``, with the
connection taken from the settings (so from ``DATABASE_URL``).  SQLite: SQLite's own online
backup (consistent while the site runs), and a copy back on restore.  A restore replaces
everything in the target database with the backup; stop the web server and the workers first.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any


class BackupError(Exception):
    """The backup or restore could not be made; the message says why."""


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict[str, Any]) -> list[str]:
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: the postgresql-client package)")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def database_backup(db: dict[str, Any], destination: Path) -> Path:
    """Write a backup of the database described by ``db`` (a DATABASES entry) to
    ``destination``; returns the file written."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    engine = str(db["ENGINE"])
    if "postgresql" in engine:
        _run(["pg_dump", "--format=custom", "--file", str(destination), *_pg_args(db)], _pg_env(db))
    elif "sqlite3" in engine:
        source = sqlite3.connect(str(db["NAME"]))
        target = sqlite3.connect(str(destination))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        raise BackupError(f"no backup method for the database engine {engine}")
    return destination


def database_restore(db: dict[str, Any], source: Path) -> None:
    """Replace the contents of the database described by ``db`` with the backup ``source``."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    engine = str(db["ENGINE"])
    if "postgresql" in engine:
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", *_pg_args(db), str(source)],
            _pg_env(db),
        )
    elif "sqlite3" in engine:
        backup = sqlite3.connect(str(source))
        target = sqlite3.connect(str(db["NAME"]))
        try:
            with target:
                backup.backup(target)
        finally:
            target.close()
            backup.close()
    else:
        raise BackupError(f"no restore method for the database engine {engine}")
