"""The task worker survives a database outage: queued work runs once the database is back.

A PostgreSQL cluster of the test's own is started, the site's tables migrated into it and
``manage.py task_worker`` started against it; the test stops the database under the running
worker, starts it again, queues a task and waits for the worker to run it.  (With plain
``db_worker`` the worker exits when the database goes away and the task never runs.)
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests import pg_cluster
from tests.site_process import ROOT, manage, site_env

pytestmark = pytest.mark.postgres_only


def _enqueue_delivery_pass(env: dict[str, str]) -> str:
    code = (
        "from mentormatch.notifications.tasks import deliver_outbox; "
        "print(deliver_outbox.enqueue().id)"
    )
    return manage(env, "shell", "-c", code).stdout.strip().splitlines()[-1]


def _status(url: str, task_id: str) -> str | None:
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            row = conn.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", (task_id,)
            ).fetchone()
    except psycopg.OperationalError:
        return None
    return str(row[0]) if row else None


def _wait_for_status(url: str, task_id: str, wanted: str, timeout: float) -> str | None:
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        status = _status(url, task_id)
        if status == wanted:
            return status
        time.sleep(0.5)
    return status


@pytest.fixture
def private_postgres() -> Iterator[pg_cluster.PgCluster]:
    if pg_cluster.postgres_bin_dir() is None:
        pytest.fail("initdb is needed (the postgresql package installs it)")
    # Not under pytest's tmp_path: its parents are private to root, and the cluster runs as the
    # postgres user.
    directory = Path(tempfile.mkdtemp(prefix="mentormatch-pg-"))
    cluster = pg_cluster.start_cluster(directory)
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def test_the_worker_reconnects_after_the_database_comes_back_and_runs_queued_work(
    private_postgres: pg_cluster.PgCluster, tmp_path: Path
) -> None:
    env = site_env(private_postgres.url, MENTORMATCH_TASK_BACKEND="database")
    manage(env, "migrate", "--noinput", "-v", "0")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "task_worker", "--interval", "0.2", "--max-backoff", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        before = _enqueue_delivery_pass(env)
        assert _wait_for_status(private_postgres.url, before, "SUCCESSFUL", 60) == "SUCCESSFUL"

        private_postgres.stop()
        private_postgres.wait_until_down()
        time.sleep(3)  # the worker polls every 0.2 s: it has met the outage by now
        assert worker.poll() is None, "the worker exited when the database went away"

        private_postgres.start()
        after = _enqueue_delivery_pass(env)
        assert _wait_for_status(private_postgres.url, after, "SUCCESSFUL", 60) == "SUCCESSFUL"
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    assert "The database is unavailable" in (tmp_path / "worker.log").read_text()
