"""Queueing e-mail through the durable outbox.

Callers never send mail directly: they call :func:`outbox_enqueue` inside their transaction.
The message row is saved with the caller's data, and delivery is started after commit, so a
rolled-back action sends nothing, and a dead SMTP server loses nothing (the row waits and is
retried by :mod:`mentormatch.notifications.delivery`).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mentormatch.notifications.models import OutboxMessage


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Render ``emails/<template>.subject.txt``, ``.txt`` and ``.html``."""
    subject = render_to_string(f"emails/{template}.subject.txt", context).strip()
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


def outbox_enqueue(
    *,
    dedupe_key: str,
    template: str,
    to_email: str,
    context: dict[str, Any],
    recipient: Any = None,
) -> OutboxMessage | None:
    """Queue one e-mail; return None when the same ``dedupe_key`` was queued before."""
    if OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    subject, text, html = render_email(template, context)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                dedupe_key=dedupe_key,
                kind=template,
                recipient=recipient if getattr(recipient, "pk", None) else None,
                to_email=to_email,
                subject=subject,
                body_text=text,
                body_html=html,
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:
        return None  # queued at the same moment by a concurrent request
    transaction.on_commit(_start_delivery)
    return message


def _start_delivery() -> None:
    from mentormatch.notifications.tasks import deliver_outbox

    deliver_outbox.enqueue()
