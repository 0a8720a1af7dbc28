"""A real SMTP server on loopback for tests (aiosmtpd), as a pytest fixture.

Use it from any app's ``tests/conftest.py``::

    from mentormatch.notifications.testing import smtp_server  # noqa: F401

The fixture starts aiosmtpd on a free port, points Django's SMTP backend at it, and yields a
:class:`SmtpServer` whose ``messages`` are the parsed e-mails that arrived.  ``stop()`` and
``start()`` take the server down and bring it back on the same port.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Collector:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        parsed = message_from_bytes(raw, policy=policy.default)
        with self.lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self._collector = _Collector()
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        with self._collector.lock:
            return list(self._collector.messages)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]

    def start(self) -> None:
        if self._controller is None:
            self._controller = Controller(self._collector, hostname=self.host, port=self.port)
            self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def text_and_html(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML bodies of a received message."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return (
        text.get_content() if text is not None else "",
        html.get_content() if html is not None else "",
    )


def site_paths(body: str, site_url: str) -> list[str]:
    """The paths of the links in an e-mail body; fails if a link does not start with the
    site's address (an e-mail is read off the site, so every link must be absolute)."""
    links = re.findall(r"https?://[^\s\"'<>]+", body)
    for link in links:
        assert link.startswith(f"{site_url}/"), f"{link} is not on {site_url}"
    return [link.removeprefix(site_url) for link in links]


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        server.stop()
