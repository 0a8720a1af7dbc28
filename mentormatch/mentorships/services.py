"""Writes for requests and mentorships: the facade callers import (``services.request_create``).

Each family lives in its own module: the rules and locks (:mod:`.rules`), a request's life
(:mod:`.requesting`), scheduled expiry and reminders (:mod:`.expiry`), pauses
(:mod:`.pauses`) and coordinators' matches (:mod:`.coordination`); their e-mails are in
:mod:`.emails`.
"""

from mentormatch.mentorships.coordination import mentorship_create_manual, mentorship_end
from mentormatch.mentorships.expiry import requests_expire_due, requests_remind_due
from mentormatch.mentorships.pauses import pause_create, pause_lift
from mentormatch.mentorships.requesting import (
    request_accept,
    request_create,
    request_decline,
    request_withdraw,
)
from mentormatch.mentorships.rules import (
    MESSAGE_MAX_LENGTH,
    MentorshipError,
    round_accepts_requests,
)

__all__ = [
    "MESSAGE_MAX_LENGTH",
    "MentorshipError",
    "mentorship_create_manual",
    "mentorship_end",
    "pause_create",
    "pause_lift",
    "request_accept",
    "request_create",
    "request_decline",
    "request_withdraw",
    "requests_expire_due",
    "requests_remind_due",
    "round_accepts_requests",
]
