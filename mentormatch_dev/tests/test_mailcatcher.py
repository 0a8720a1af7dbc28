"""The demo's mail catcher files every message it receives and says so on one line."""

from __future__ import annotations

import smtplib
from email import message_from_bytes, policy
from email.message import EmailMessage
from io import StringIO
from pathlib import Path

from aiosmtpd.controller import Controller

from mentormatch.notifications.testing import free_port
from mentormatch_dev.mailcatcher import FilingHandler


def test_each_message_is_filed_as_eml_and_announced_on_one_line(tmp_path: Path) -> None:
    out = StringIO()
    port = free_port()
    controller = Controller(FilingHandler(tmp_path, out), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
            for n in (1, 2):
                message = EmailMessage()
                message["From"] = "mentoring@example.edu"
                message["To"] = f"person{n}@demo.example.edu"
                message["Subject"] = f"Your mentor shortlist {n}"
                message.set_content("Dear colleague, ...")
                client.send_message(message)
    finally:
        controller.stop()

    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    filed = message_from_bytes(files[1].read_bytes(), policy=policy.default)
    assert filed["Subject"] == "Your mentor shortlist 2"
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert "person1@demo.example.edu" in lines[0] and "Your mentor shortlist 1" in lines[0]
    assert files[0].name in lines[0]
