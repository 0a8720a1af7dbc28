"""The rounds app's e-mail: the invitation to take part (``templates/emails/round_invitation.*``).

One typed function per kind of e-mail (as healthchecks' ``hc/lib/emails.py``): it builds the
template context, the links and the dedupe key, and queues the message in the outbox.
"""

from __future__ import annotations

from typing import Any

from mentormatch.core.links import absolute_url
from mentormatch.notifications.models import OutboxMessage
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.rounds.models import ParticipantRole, Participation


def send_invitation(*, participation: Participation) -> OutboxMessage | None:
    """Invite the participant to answer the round's questionnaire for their role.

    Each invitation (``invited_at``) is one e-mail: inviting again after a new ``invited_at``
    sends again, calling twice for the same one does not.  None when nothing was queued.
    """
    user: Any = participation.user
    if not user.email:
        return None
    invited = int(participation.invited_at.timestamp()) if participation.invited_at else 0
    return outbox_enqueue(
        dedupe_key=(
            f"round-{participation.round_id}-invite-{participation.role}-{user.pk}-{invited}"
        ),
        template="round_invitation",
        to_email=user.email,
        recipient=user,
        context={
            "user": user,
            "round": participation.round,
            "role_label": ParticipantRole(participation.role).label,
            "link": absolute_url(
                "questionnaire:answer", round_id=participation.round_id, role=participation.role
            ),
        },
    )
