"""``directory.emails``: the stale-profile reminder reaches the owner with a working link."""

from __future__ import annotations

from typing import Any

from mentormatch.directory.emails import send_profile_stale
from mentormatch.notifications.testing import site_paths
from tests.factories import make_round, make_user


def test_the_reminder_asks_the_owner_to_review_their_profile_through_a_working_link(
    db: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://mentoring.example.edu"
    profile = make_user("Olive").profile
    round = make_round()

    message = send_profile_stale(profile=profile, round=round)

    assert message is not None
    assert (message.kind, message.to_email, message.recipient) == (
        "profile_stale",
        profile.user.email,
        profile.user,
    )
    assert round.name in message.body_text
    (path,) = site_paths(message.body_text, settings.SITE_URL)
    client.force_login(profile.user)
    response = client.get(path)
    assert response.status_code == 200
    assert "Save" in response.content.decode()


def test_the_reminder_is_sent_once_per_round(db: Any) -> None:
    profile = make_user("Olive").profile
    round = make_round()

    assert send_profile_stale(profile=profile, round=round) is not None
    assert send_profile_stale(profile=profile, round=round) is None
    assert send_profile_stale(profile=profile, round=make_round()) is not None
