"""``rounds.emails``: the invitation goes to the participant with a working link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mentormatch.notifications.testing import site_paths
from mentormatch.rounds.emails import send_invitation
from tests.factories import join, make_round, make_user

pytestmark = pytest.mark.django_db


def test_an_invitation_asks_the_participant_to_answer_the_questionnaire_of_their_role(
    client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://mentoring.example.edu"
    round = make_round()
    mentor = make_user("Maya", mentor=True)
    participation = join(round, mentor, "mentor")

    message = send_invitation(participation=participation)

    assert message is not None
    assert (message.kind, message.to_email, message.recipient) == (
        "round_invitation",
        mentor.email,
        mentor,
    )
    assert round.name in message.body_text
    (path,) = set(site_paths(message.body_text, settings.SITE_URL))
    assert path == reverse("questionnaire:answer", kwargs={"round_id": round.pk, "role": "mentor"})
    client.force_login(mentor)
    assert client.get(path).status_code == 200


def test_the_same_invitation_is_queued_once_and_a_new_invitation_again() -> None:
    round = make_round()
    participation = join(round, make_user("Maya", mentor=True), "mentor")

    assert send_invitation(participation=participation) is not None
    assert send_invitation(participation=participation) is None
    participation.invited_at = timezone.now() + dt.timedelta(days=1)
    assert send_invitation(participation=participation) is not None


def test_a_participant_without_an_address_gets_no_invitation() -> None:
    user = make_user("Nomail", mentee=True)
    user.email = ""
    user.save()
    participation = join(make_round(), user, "mentee")

    assert send_invitation(participation=participation) is None
