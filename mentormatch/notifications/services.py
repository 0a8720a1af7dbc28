"""Queueing e-mail through the durable outbox.

Callers never send mail directly: they call :func:`outbox_enqueue` inside their transaction.
The message row is saved with the caller's data, and delivery is started after commit, so a
rolled-back action sends nothing, and a dead SMTP server loses nothing (the row waits and is
retried by :mod:`mentormatch.notifications.delivery`).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.notifications.models import OutboxMessage, OutboxStatus
from mentormatch.notifications.tasks import deliver_outbox


def _render_plain(name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template without HTML escaping: a subject or text body holds
    no markup, so ``&quot;`` would reach the reader as it stands.  Still safe: the subject is
    folded onto one line below (no header injection) and the HTML part stays escaped."""
    template = get_template(name)
    return template.template.render(Context(context, autoescape=False))  # type: ignore[attr-defined]


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Render ``emails/<template>.subject.txt``, ``.txt`` (both unescaped plain text) and
    ``.html`` (escaped)."""
    subject = _render_plain(f"emails/{template}.subject.txt", context).strip()
    subject = " ".join(subject.split())
    text = _render_plain(f"emails/{template}.txt", context)
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
    # One delivery task per message: redundant tasks are cheap (they find nothing to claim),
    # and a message is never left waiting for a task that will not come.
    # robust: a task queue that is down must not turn a saved action into an error page; the
    # message waits in the outbox for the next delivery pass.
    transaction.on_commit(_start_delivery, robust=True)
    return message


def _start_delivery() -> None:
    deliver_outbox.enqueue()


def outbox_retry_now(*, actor: Any, message_ids: list[int] | None = None) -> int:
    """Make waiting or given-up messages due now and start a delivery pass (a coordinator action).

    Only messages that are not sent (and not being sent right now) are touched, so a retry can
    never send a message twice.  Returns how many messages were made due.
    """
    now = timezone.now()
    with transaction.atomic():
        waiting = OutboxMessage.objects.filter(
            status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED]
        )
        if message_ids is not None:
            waiting = waiting.filter(pk__in=message_ids)
        count = waiting.update(status=OutboxStatus.PENDING, next_attempt_at=now)
        audit_record(
            actor=actor,
            action="outbox.retry",
            summary=f"Retry now: {count} e-mail(s)",
            details={"message_ids": message_ids, "count": count},
        )
        if count:
            transaction.on_commit(_start_delivery, robust=True)
    return count
