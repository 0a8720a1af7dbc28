"""The outbox's part in "Download my data" and "Erase my data" (registered in apps.py)."""

from __future__ import annotations

from typing import Any

from mentormatch.core.personal_data import model_rows
from mentormatch.notifications.models import OutboxMessage


def outbox_export(user: Any) -> dict[str, Any]:
    return {"emails_to_you": model_rows(OutboxMessage.objects.filter(recipient=user))}


def outbox_erase(user: Any) -> None:
    OutboxMessage.objects.filter(recipient=user).delete()
