"""A PostgreSQL cluster of a test's own (initdb + pg_ctl on a private port), to stop and start.

Tests never stop the machine's shared PostgreSQL; a test that needs a database to die starts
one of these.  PostgreSQL refuses to run as root, so as root the cluster runs as the
``postgres`` system user (``runuser``), in a directory that user owns.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from mentormatch.notifications.testing import free_port


def postgres_bin_dir() -> Path | None:
    """The directory of initdb and pg_ctl (Debian keeps them out of PATH), or None."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@dataclass
class PgCluster:
    directory: Path
    port: int
    bin_dir: Path

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            raise subprocess.CalledProcessError(
                done.returncode, command, output=done.stdout, stderr=done.stderr
            )

    def start(self) -> None:
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.directory / "data"),
            "-l",
            str(self.directory / "server.log"),
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1",
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.directory / "data"),
            "-m",
            "fast",
            "-w",
            "stop",
        )

    def wait_until_down(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.2)
        raise TimeoutError(f"PostgreSQL on port {self.port} did not stop")


def start_cluster(directory: Path) -> PgCluster:
    """initdb a new cluster in ``directory`` (trust authentication) and start it.

    As root, ``directory`` is given to the postgres user, so every parent must be open to it
    (``tempfile.mkdtemp()`` is; pytest's ``tmp_path`` is not)."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("initdb not found (the postgresql package installs it)")
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
        directory.chmod(0o700)
    cluster = PgCluster(directory=directory, port=free_port(), bin_dir=bin_dir)
    cluster._run(
        str(bin_dir / "initdb"),
        "-D",
        str(directory / "data"),
        "-U",
        "postgres",
        "--auth=trust",
        "--no-sync",
    )
    cluster.start()
    return cluster
