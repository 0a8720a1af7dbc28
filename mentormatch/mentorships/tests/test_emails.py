"""``mentorships.emails``: each e-mail goes to the right person, from the right template, with
links that open the right pages for that person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from mentormatch.mentorships import emails
from mentormatch.mentorships.models import MentorshipRequest
from mentormatch.notifications.models import OutboxMessage
from mentormatch.notifications.testing import site_paths
from tests.factories import make_mentorship, make_request
from tests.scenarios import programme

pytestmark = pytest.mark.django_db

SITE = "https://mentoring.example.edu"


def a_request() -> MentorshipRequest:
    round, mentees, mentors, run = programme(mentees=1, mentors=1)
    return make_request(
        round,
        mentees[0],
        mentors[0],
        suggestion=run.suggestions.get(),
        message="I would like to learn grant writing.",
    )


def links_open_for(user: Any, message: OutboxMessage) -> int:
    """Open every link of the message as ``user``; return how many there were."""
    client = Client()
    client.force_login(user)
    paths = site_paths(message.body_text, SITE)
    for path in paths:
        assert client.get(path).status_code == 200, path
    return len(paths)


@pytest.mark.parametrize(
    ("send", "template", "to", "has_links"),
    [
        (emails.send_request_received, "request_received", "mentor", True),
        (emails.send_request_withdrawn, "request_withdrawn", "mentor", False),
        (emails.send_request_declined, "request_declined", "mentee", True),
        (emails.send_request_expired_to_mentee, "request_expired", "mentee", True),
        (emails.send_request_expired_to_mentor, "request_expired_mentor", "mentor", False),
        (emails.send_request_reminder, "request_reminder", "mentor", True),
    ],
)
def test_each_request_email_reaches_the_right_person_with_working_links(
    settings: Any,
    send: Callable[..., OutboxMessage | None],
    template: str,
    to: str,
    has_links: bool,
) -> None:
    settings.SITE_URL = SITE
    request = a_request()
    person = getattr(request, to)

    message = send(request=request)

    assert message is not None
    assert (message.kind, message.to_email, message.recipient) == (template, person.email, person)
    other = request.mentee if to == "mentor" else request.mentor
    assert other.display_name in message.body_text
    assert bool(links_open_for(person, message)) == has_links
    assert send(request=request) is None  # one e-mail per event and person


def test_the_mentor_s_request_email_links_to_accept_and_decline_it(settings: Any) -> None:
    settings.SITE_URL = SITE
    request = a_request()

    message = emails.send_request_received(request=request)

    assert message is not None
    paths = site_paths(message.body_text, SITE)
    assert f"/mentorships/requests/{request.pk}/accept/" in paths
    assert f"/mentorships/requests/{request.pk}/decline/" in paths


def test_a_confirmed_mentorship_is_announced_to_both_people(settings: Any) -> None:
    settings.SITE_URL = SITE
    request = a_request()
    mentorship = make_mentorship(request.round, request.mentee, request.mentor, request=request)

    messages = emails.send_mentorship_confirmed(mentorship=mentorship)

    assert {(m.kind, m.recipient) for m in messages} == {
        ("mentorship_confirmed", request.mentee),
        ("mentorship_confirmed", request.mentor),
    }
    for message in messages:
        other = request.mentor if message.recipient == request.mentee else request.mentee
        assert other.display_name in message.body_text
        assert links_open_for(message.recipient, message) > 0
    assert emails.send_mentorship_confirmed(mentorship=mentorship) == []


def test_nobody_without_an_address_is_e_mailed() -> None:
    request = a_request()
    request.mentor.email = ""

    assert emails.send_request_received(request=request) is None
