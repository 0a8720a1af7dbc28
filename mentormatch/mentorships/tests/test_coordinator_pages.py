"""Coordinators: the unmatched list, manual matches (reason required, audited), CSV export."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from mentormatch.audit.models import AuditEvent
from mentormatch.mentorships import services
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipSource,
    MentorshipStatus,
    RequestStatus,
)
from mentormatch.notifications.models import OutboxMessage
from mentormatch.questionnaire.models import Response, ResponseStatus
from mentormatch.rounds.models import ParticipantRole
from tests.factories import join, make_user
from tests.scenarios import programme

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def coordinator() -> Client:
    return _client(make_user("Cora", username="coord", coordinator=True))


def test_participants_cannot_open_coordinator_pages() -> None:
    round, (mentee, _), _, _ = programme()
    as_mentee = _client(mentee)

    for name in ("round_overview", "unmatched", "manual_match", "export_csv"):
        response = as_mentee.get(reverse(f"mentorships:{name}", args=[round.pk]))
        assert response.status_code == 403, name
    assert as_mentee.get(reverse("audit:log")).status_code == 403


def test_the_unmatched_list_shows_where_each_mentee_stands(coordinator: Client) -> None:
    round, mentees, mentors, _ = programme(mentees=5, mentors=3)
    waiting, declined, paused, matched, _no_request = mentees
    services.request_create(round=round, mentee=waiting, mentor=mentors[0])
    req = services.request_create(round=round, mentee=declined, mentor=mentors[1])
    services.request_decline(request=req, mentor=mentors[1], reason="private")
    services.pause_create(round=round, mentee=paused, note="On leave this term")
    accepted = services.request_create(round=round, mentee=matched, mentor=mentors[2])
    services.request_accept(request=accepted, mentor=mentors[2])

    page = coordinator.get(reverse("mentorships:unmatched", args=[round.pk]))

    text = page.content.decode()
    assert "4 mentees without a mentor" in text
    assert "Waiting for Mentor0 Tester" in text
    assert "Declined by Mentor1 Tester" in text
    assert "Paused (On leave this term)" in text
    assert "Has not chosen a mentor yet" in text
    assert "No shortlist published" not in text
    assert matched.display_name not in text
    assert "private" not in text


def test_a_mentee_who_answered_after_the_results_is_marked_as_without_a_shortlist(
    coordinator: Client,
) -> None:
    round, _, _, _ = programme(mentees=1)
    newcomer = make_user("Newt", mentee=True, department="Medicine")
    join(round, newcomer, ParticipantRole.MENTEE)
    Response.objects.create(
        round=round, user=newcomer, role="mentee", status=ResponseStatus.SUBMITTED
    )

    text = coordinator.get(reverse("mentorships:unmatched", args=[round.pk])).content.decode()

    assert "No shortlist published for them" in text


def test_a_manual_match_needs_a_reason_and_keeps_the_choices(coordinator: Client) -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    url = reverse("mentorships:manual_match", args=[round.pk])

    page = coordinator.post(url, {"mentee": mentee.pk, "mentor": mentor.pk, "reason": "  "})

    text = page.content.decode()
    assert page.status_code == 400
    assert "Give a reason for the manual match." in text
    assert f'<option value="{mentee.pk}" selected>' in text
    assert not Mentorship.objects.exists()
    assert not AuditEvent.objects.filter(action="mentorship.manual_match").exists()


def test_a_manual_match_is_made_audited_and_both_are_told(coordinator: Client) -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    waiting = services.request_create(round=round, mentee=mentee, mentor=mentor)
    url = reverse("mentorships:manual_match", args=[round.pk])
    assert "(1 of 1 places taken)" in coordinator.get(url).content.decode()

    coordinator.post(
        url, {"mentee": mentee.pk, "mentor": mentor.pk, "reason": "Asked for by the chair"}
    )

    mentorship = Mentorship.objects.get()
    assert mentorship.source == MentorshipSource.MANUAL
    assert mentorship.reason == "Asked for by the chair"
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.WITHDRAWN
    event = AuditEvent.objects.get(action="mentorship.manual_match")
    assert event.actor is not None and event.actor.username == "coord"
    assert event.round_id == round.pk
    assert event.details["reason"] == "Asked for by the chair"
    assert event.details["over_capacity"] is False
    told = OutboxMessage.objects.filter(kind="mentorship_confirmed")
    assert sorted(told.values_list("to_email", flat=True)) == sorted([mentee.email, mentor.email])
    assert "coordinators have matched you" in told.first().body_text  # type: ignore[union-attr]


def test_a_full_mentor_is_matched_only_with_an_explicit_override(coordinator: Client) -> None:
    round, (mentee_a, mentee_b), (mentor, _), _ = programme(capacity=1)
    services.request_accept(
        request=services.request_create(round=round, mentee=mentee_a, mentor=mentor),
        mentor=mentor,
    )
    url = reverse("mentorships:manual_match", args=[round.pk])
    data = {"mentee": mentee_b.pk, "mentor": mentor.pk, "reason": "Same lab"}

    refused = coordinator.post(url, data)
    assert refused.status_code == 400
    assert "has no places left (1 of 1 taken)" in refused.content.decode()
    assert Mentorship.objects.filter(mentor=mentor).count() == 1

    coordinator.post(url, {**data, "over_capacity": "on"})
    assert Mentorship.objects.filter(mentor=mentor).count() == 2
    event = AuditEvent.objects.get(action="mentorship.manual_match")
    assert event.details["over_capacity"] is True


def test_ending_a_mentorship_is_audited_and_frees_the_place(coordinator: Client) -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    mentorship = services.request_accept(
        request=services.request_create(round=round, mentee=mentee, mentor=mentor),
        mentor=mentor,
    )

    coordinator.post(
        reverse("mentorships:mentorship_end", args=[mentorship.pk]), {"reason": "Mentor left"}
    )

    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ENDED
    assert AuditEvent.objects.get(action="mentorship.end").details["reason"] == "Mentor left"
    overview = coordinator.get(reverse("mentorships:round_overview", args=[round.pk]))
    assert "Ended" in overview.content.decode()


def test_the_csv_export_lists_the_matches_and_defuses_formulas(coordinator: Client) -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    mentee.first_name = "=HYPERLINK(evil)"
    mentee.save()
    mentor.profile.department = "+Cardiology"
    mentor.profile.save()
    services.request_accept(
        request=services.request_create(round=round, mentee=mentee, mentor=mentor),
        mentor=mentor,
    )

    response = coordinator.get(reverse("mentorships:export_csv", args=[round.pk]))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Round",
        "Mentee",
        "Mentee e-mail",
        "Mentee department",
        "Mentor",
        "Mentor e-mail",
        "Mentor department",
        "How matched",
        "Status",
        "Started",
        "Ended",
        "Score",
        "Shortlist position",
    ]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Round"] == "Spring 2027"
    assert row["Mentee"] == "'=HYPERLINK(evil) Tester"
    assert row["Mentee e-mail"] == mentee.email
    assert row["Mentor department"] == "'+Cardiology"
    assert row["How matched"] == "Mentee's request"
    assert row["Status"] == "Active"
    assert AuditEvent.objects.filter(action="mentorship.export_csv", round_id=round.pk).exists()


def test_a_coordinator_with_permission_reads_a_decline_reason_and_it_is_audited() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    services.request_decline(request=req, mentor=mentor, reason="Conflict of interest")
    plain = make_user("Plain", coordinator=True)
    trusted = make_user("Trusted", coordinator=True)
    trusted.user_permissions.add(Permission.objects.get(codename="view_confidential_answers"))
    url = reverse("mentorships:request_detail", args=[req.pk])

    assert "Conflict of interest" not in _client(plain).get(url).content.decode()
    assert "Conflict of interest" in _client(trusted).get(url).content.decode()
    event = AuditEvent.objects.get(action="confidential.view")
    assert event.actor == trusted
    assert f"request {req.pk}" in event.details["what"]
