"""A participant downloads everything stored about them, and can have it erased."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from mentormatch.accounts.models import User
from mentormatch.audit.models import AuditEvent
from mentormatch.directory.models import Profile, Publication
from mentormatch.mentorships.models import Mentorship, MentorshipRequest
from mentormatch.notifications.models import OutboxMessage
from mentormatch.questionnaire.models import Answer
from mentormatch.rounds.models import Participation
from tests.scenarios import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def test_download_my_data_gives_everything_stored_about_me_and_nothing_of_others(
    client: Client, world: World
) -> None:
    client.force_login(world.ana)

    response = client.get(reverse("privacy:my_data_download"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["user"]["username"] == "ana"
    assert "password" not in data["user"]
    assert data["profile"]["interests"] == "ana's research interests"
    assert data["profile"]["draft"] == {"interests": "ana's unsaved draft"}
    assert [p["title"] for p in data["publications"]] == ["A paper by ana"]
    assert sorted(a["value"] for a in data["questionnaire_answers"]) == ["ANA-PRIVATE-GOALS", "w"]
    assert len(data["participations"]) == 1
    assert [s["mentor_id"] for s in data["your_shortlists"]] == [world.mo.pk]
    assert [r["message"] for r in data["requests_you_sent"]] == ["Hello from ana"]
    assert "decline_reason" not in data["requests_you_sent"][0]
    assert len(data["mentorships"]) == 1
    assert [m["subject"] for m in data["emails_to_you"]] == ["Your shortlist"]
    assert "eve" not in response.content.decode()
    assert AuditEvent.objects.filter(action="account.export", actor=world.ana).exists()


def test_my_data_pages_need_sign_in(client: Client) -> None:
    for name in ("privacy:my_data", "privacy:my_data_download", "privacy:my_data_erase"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_erasing_needs_the_confirmation_box(client: Client, world: World) -> None:
    client.force_login(world.ana)

    response = client.post(reverse("privacy:my_data_erase"), {})

    assert response.status_code == 200
    assert "Tick the box to confirm" in response.content.decode()
    world.ana.refresh_from_db()
    assert world.ana.username == "ana"


def test_erasing_my_data_removes_what_identifies_me_and_keeps_the_counts(
    client: Client, world: World
) -> None:
    client.force_login(world.ana)
    counts_before = (
        Participation.objects.count(),
        Mentorship.objects.count(),
        MentorshipRequest.objects.count(),
    )

    response = client.post(reverse("privacy:my_data_erase"), {"confirm": "on"})

    assert response.status_code == 302
    assert client.get(reverse("home:home")).status_code == 302  # signed out
    ana = User.objects.get(pk=world.ana.pk)
    assert "ana" not in (ana.username, ana.first_name, ana.email)
    assert not ana.is_active and not ana.has_usable_password()
    profile = Profile.objects.get(user=ana)
    assert profile.interests == "" and profile.draft is None
    assert profile.department == "Medicine"  # kept for anonymous counts
    assert not Publication.objects.filter(profile=profile).exists()
    assert not Answer.objects.filter(response__user=ana).exists()
    assert MentorshipRequest.objects.get(pk=world.ana_request.pk).message == ""
    assert not OutboxMessage.objects.filter(recipient=ana).exists()
    assert counts_before == (
        Participation.objects.count(),
        Mentorship.objects.count(),
        MentorshipRequest.objects.count(),
    )
    # Nobody else's data was touched.
    assert Answer.objects.filter(response__user=world.eve).count() == 2
    assert User.objects.get(pk=world.eve.pk).username == "eve"
    assert AuditEvent.objects.filter(action="account.erase", object_id=str(ana.pk)).exists()
