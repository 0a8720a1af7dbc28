"""Running the site's own commands in another process, against the tests' database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url(name: str | None = None) -> str:
    """A DATABASE_URL for the tests' database (or another database ``name`` on its server)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name or db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{name or db['NAME']}"


def site_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a site process: this one's, less every MentorMatch/Django setting."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORMATCH_", "DJANGO_"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY="site-process-test-only-" + "x" * 40,
        DJANGO_DEBUG="false",
        MENTORMATCH_DEV_TOOLS="false",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """``manage.py ARGS`` in another process; fails the test with its error output if it fails."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done
