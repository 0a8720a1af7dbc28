"""A mail catcher for ``make demo``: an SMTP sink on loopback that files every message.

    python -m mentormatch_dev.mailcatcher --host 127.0.0.1 --port 1025 --dir var/demo-mail

Each message is written to ``<dir>/<timestamp>-<n>.eml`` (open it with any mail program) and
announced with one line on standard output: recipients and subject.  Development only: it
accepts mail for anyone and relays nothing.
"""

from __future__ import annotations

import argparse
import itertools
import signal
import sys
import threading
import time
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any, TextIO

from aiosmtpd.controller import Controller


class FilingHandler:
    """aiosmtpd handler: write the message to ``directory`` and print one line about it."""

    def __init__(self, directory: Path, out: TextIO = sys.stdout) -> None:
        self.directory = directory
        self.out = out
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw: bytes = envelope.original_content or envelope.content
        with self._lock:
            number = next(self._numbers)
        path = self.directory / f"{time.strftime('%Y%m%d-%H%M%S')}-{number:05d}.eml"
        path.write_bytes(raw)
        subject = message_from_bytes(raw, policy=policy.default).get("Subject", "(no subject)")
        recipients = ", ".join(envelope.rcpt_tos)
        print(f"mail {number}: to {recipients}: {subject}  [{path.name}]", file=self.out)
        self.out.flush()
        return "250 Message accepted for delivery"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A local SMTP sink that files messages.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--dir", default="var/demo-mail", help="where the .eml files go")
    args = parser.parse_args(argv)
    directory = Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    controller = Controller(FilingHandler(directory), hostname=args.host, port=args.port)
    try:
        controller.start()
    except (OSError, RuntimeError) as exc:
        parser.exit(1, f"Cannot listen on {args.host}:{args.port}: {exc}\n")
    print(f"Mail catcher on {args.host}:{args.port}, filing messages in {directory}/", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
