"""A backup made by ``manage.py db_backup`` restores into an empty database with the data in it.

On SQLite the backup is SQLite's online backup of the database file; on PostgreSQL it is
``pg_dump``'s custom format, restored with ``pg_restore`` into a new database on the same
server (the shared server is never stopped).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import make_round, make_user
from tests.site_process import database_url, manage, site_env


@pytest.fixture
def empty_database(transactional_db: Any, tmp_path: Path) -> Iterator[str]:
    """The DATABASE_URL of a new, empty database of the kind the tests run on."""
    if connection.vendor == "sqlite":
        yield database_url(str(tmp_path / "restored.sqlite3"))
        return
    name = f"mentormatch_restore_{uuid.uuid4().hex[:12]}"
    admin_url = database_url("postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _names_in(url: str) -> tuple[list[str], list[str]]:
    people = "SELECT username FROM accounts_user ORDER BY username"
    rounds = "SELECT name FROM rounds_round ORDER BY name"
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return [r[0] for r in conn.execute(people)], [r[0] for r in conn.execute(rounds)]
    with psycopg.connect(url) as conn:
        return (
            [r[0] for r in conn.execute(people).fetchall()],
            [r[0] for r in conn.execute(rounds).fetchall()],
        )


@pytest.mark.slow
def test_a_backup_restores_into_an_empty_database_with_the_people_and_rounds_in_it(
    empty_database: str, tmp_path: Path
) -> None:
    make_user("Ada", mentee=True)
    make_round("Spring 2027 mentoring")
    backup = tmp_path / "mentormatch.backup"

    made = manage(site_env(database_url()), "db_backup", str(backup))
    assert "Backup written to" in made.stdout
    assert backup.stat().st_size > 0
    restored = manage(site_env(empty_database), "db_restore", str(backup), "--yes")
    assert "restored from" in restored.stdout

    people, rounds = _names_in(empty_database)
    assert any(name.startswith("ada") for name in people)
    assert rounds == ["Spring 2027 mentoring"]


@pytest.mark.django_db
def test_a_restore_asks_for_confirmation_and_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Run again with --yes"):
        call_command("db_restore", str(tmp_path / "backup.dump"))
    with pytest.raises(CommandError, match="no backup file at"):
        call_command("db_restore", str(tmp_path / "backup.dump"), "--yes")
