"""The mentorships app's e-mails: a request's life (received, withdrawn, declined, expired,
reminder) and the confirmed mentorship.

One typed function per kind (``templates/emails/<kind>.*``), as healthchecks'
``hc/lib/emails.py``: it builds the template context, the links and the dedupe key, and
queues the message in the outbox.  Each returns the queued message, or None when nothing was
queued (the recipient has no address, or this event was e-mailed before: the dedupe key makes
each event at most one e-mail per person).
"""

from __future__ import annotations

from typing import Any

from mentormatch.core.links import absolute_url
from mentormatch.mentorships.models import Mentorship, MentorshipRequest, MentorshipSource
from mentormatch.notifications.models import OutboxMessage
from mentormatch.notifications.services import outbox_enqueue


def _about_request(
    request: MentorshipRequest, *, event: str, template: str, to: Any
) -> OutboxMessage | None:
    if not to.email:
        return None
    return outbox_enqueue(
        dedupe_key=f"request:{request.pk}:{event}:{to.pk}",
        template=template,
        to_email=to.email,
        recipient=to,
        context={
            "request": request,
            "round": request.round,
            "mentee": request.mentee,
            "mentor": request.mentor,
            "recipient": to,
            "request_url": absolute_url("mentorships:request_detail", request_id=request.pk),
            "accept_url": absolute_url("mentorships:request_accept", request_id=request.pk),
            "decline_url": absolute_url("mentorships:request_decline", request_id=request.pk),
            "shortlist_url": absolute_url("mentorships:shortlist", round_id=request.round_id),
            "mine_url": absolute_url("mentorships:mine"),
        },
    )


def send_request_received(*, request: MentorshipRequest) -> OutboxMessage | None:
    """To the mentor: a mentee asks you, with links to read, accept and decline."""
    return _about_request(request, event="created", template="request_received", to=request.mentor)


def send_request_withdrawn(*, request: MentorshipRequest) -> OutboxMessage | None:
    """To the mentor: the mentee withdrew the request."""
    return _about_request(
        request, event="withdrawn", template="request_withdrawn", to=request.mentor
    )


def send_request_declined(*, request: MentorshipRequest) -> OutboxMessage | None:
    """To the mentee: the mentor cannot take them on (never the mentor's private reason)."""
    return _about_request(request, event="declined", template="request_declined", to=request.mentee)


def send_request_expired_to_mentee(*, request: MentorshipRequest) -> OutboxMessage | None:
    """To the mentee: no answer in time; choose again from the shortlist."""
    return _about_request(request, event="expired", template="request_expired", to=request.mentee)


def send_request_expired_to_mentor(*, request: MentorshipRequest) -> OutboxMessage | None:
    """To the mentor: the request they did not answer has expired."""
    return _about_request(
        request, event="expired", template="request_expired_mentor", to=request.mentor
    )


def send_request_reminder(*, request: MentorshipRequest) -> OutboxMessage | None:
    """To the mentor: a request is still waiting for an answer."""
    return _about_request(request, event="reminder", template="request_reminder", to=request.mentor)


def send_mentorship_confirmed(*, mentorship: Mentorship) -> list[OutboxMessage]:
    """To the mentee and to the mentor: the mentorship has started (by request or by hand)."""
    queued = []
    for person, other, role in (
        (mentorship.mentee, mentorship.mentor, "mentee"),
        (mentorship.mentor, mentorship.mentee, "mentor"),
    ):
        if not person.email:
            continue
        message = outbox_enqueue(
            dedupe_key=f"mentorship:{mentorship.pk}:confirmed:{person.pk}",
            template="mentorship_confirmed",
            to_email=person.email,
            recipient=person,
            context={
                "mentorship": mentorship,
                "round": mentorship.round,
                "recipient": person,
                "other": other,
                "role": role,
                "manual": mentorship.source == MentorshipSource.MANUAL,
                "mine_url": absolute_url("mentorships:mine"),
            },
        )
        if message is not None:
            queued.append(message)
    return queued
