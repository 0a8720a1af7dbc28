"""The rules a request must pass: shortlist, one open request, the mentor's places."""

from __future__ import annotations

import pytest

from mentormatch.mentorships import services
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    RequestStatus,
    RoundPause,
)
from mentormatch.notifications.models import OutboxMessage
from mentormatch.rounds.models import ParticipantRole, RoundStatus
from tests.factories import join, make_user
from tests.scenarios import programme

pytestmark = pytest.mark.django_db


def test_a_request_to_a_shortlisted_mentor_waits_and_e_mails_the_mentor() -> None:
    round, (mentee, _), (mentor, _), _ = programme()

    req = services.request_create(round=round, mentee=mentee, mentor=mentor, message="Hello")

    assert req.status == RequestStatus.PENDING
    assert req.suggestion is not None and req.suggestion.mentor == mentor
    mail = OutboxMessage.objects.get(kind="request_received")
    assert mail.to_email == mentor.email
    assert f"/mentorships/requests/{req.pk}/accept/" in mail.body_text
    assert "Hello" in mail.body_text


def test_a_mentor_not_on_the_shortlist_cannot_be_asked() -> None:
    round, (mentee, _), _, _ = programme()
    stranger = make_user("Stranger", mentor=True, department="Medicine")
    join(round, stranger, ParticipantRole.MENTOR)

    with pytest.raises(services.MentorshipError, match="not on your shortlist"):
        services.request_create(round=round, mentee=mentee, mentor=stranger)
    assert not MentorshipRequest.objects.exists()


def test_a_mentee_cannot_hold_two_open_requests() -> None:
    round, (mentee, _), (mentor_a, mentor_b), _ = programme()
    services.request_create(round=round, mentee=mentee, mentor=mentor_a)

    with pytest.raises(services.MentorshipError, match="still waiting"):
        services.request_create(round=round, mentee=mentee, mentor=mentor_b)
    assert MentorshipRequest.objects.filter(status=RequestStatus.PENDING).count() == 1


def test_a_pending_request_takes_one_of_the_mentors_places() -> None:
    round, (mentee_a, mentee_b), (mentor, _), _ = programme(capacity=1)
    services.request_create(round=round, mentee=mentee_a, mentor=mentor)

    with pytest.raises(services.MentorshipError, match="no places left"):
        services.request_create(round=round, mentee=mentee_b, mentor=mentor)


def test_a_withdrawn_request_frees_the_place_and_the_mentee_may_choose_again() -> None:
    round, (mentee_a, mentee_b), (mentor, other), _ = programme(capacity=1)
    req = services.request_create(round=round, mentee=mentee_a, mentor=mentor)

    services.request_withdraw(request=req, mentee=mentee_a)

    services.request_create(round=round, mentee=mentee_b, mentor=mentor)
    services.request_create(round=round, mentee=mentee_a, mentor=other)
    assert OutboxMessage.objects.filter(kind="request_withdrawn", to_email=mentor.email).exists()


def test_a_declined_mentee_cannot_ask_the_same_mentor_again_but_may_ask_another() -> None:
    round, (mentee, _), (mentor, other), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    services.request_decline(request=req, mentor=mentor, reason="On sabbatical")

    with pytest.raises(services.MentorshipError, match="cannot take you on"):
        services.request_create(round=round, mentee=mentee, mentor=mentor)
    services.request_create(round=round, mentee=mentee, mentor=other)


def test_accepting_starts_the_mentorship_and_tells_both() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)

    mentorship = services.request_accept(request=req, mentor=mentor)

    assert mentorship.mentee == mentee and mentorship.mentor == mentor
    req.refresh_from_db()
    assert req.status == RequestStatus.ACCEPTED
    confirmations = OutboxMessage.objects.filter(kind="mentorship_confirmed")
    assert sorted(confirmations.values_list("to_email", flat=True)) == sorted(
        [mentee.email, mentor.email]
    )


def test_a_mentee_with_a_mentor_cannot_send_another_request() -> None:
    round, (mentee, _), (mentor, other), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    services.request_accept(request=req, mentor=mentor)

    with pytest.raises(services.MentorshipError, match="already have a mentor"):
        services.request_create(round=round, mentee=mentee, mentor=other)


def test_only_the_mentor_asked_can_answer() -> None:
    round, (mentee, _), (mentor, other), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)

    with pytest.raises(services.MentorshipError, match="Only the mentor asked"):
        services.request_accept(request=req, mentor=other)
    with pytest.raises(services.MentorshipError, match="Only the mentor asked"):
        services.request_decline(request=req, mentor=other)
    assert not Mentorship.objects.exists()


def test_an_answered_request_cannot_be_answered_again() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    services.request_decline(request=req, mentor=mentor)

    with pytest.raises(services.MentorshipError, match="no longer waiting"):
        services.request_accept(request=req, mentor=mentor)


def test_accepting_beyond_capacity_is_refused() -> None:
    round, (mentee_a, mentee_b), (mentor, _), _ = programme(capacity=2)
    first = services.request_create(round=round, mentee=mentee_a, mentor=mentor)
    second = services.request_create(round=round, mentee=mentee_b, mentor=mentor)
    mentor.participations.filter(round=round).update(capacity=1)  # the coordinator lowered it
    services.request_accept(request=first, mentor=mentor)

    with pytest.raises(services.MentorshipError, match="no places left"):
        services.request_accept(request=second, mentor=mentor)
    assert Mentorship.objects.filter(mentor=mentor).count() == 1


def test_a_round_still_in_draft_takes_no_requests() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    round.status = RoundStatus.DRAFT
    round.results_published_at = None
    round.save()

    with pytest.raises(services.MentorshipError, match="not taking requests"):
        services.request_create(round=round, mentee=mentee, mentor=mentor)


def test_pausing_withdraws_the_waiting_request_and_choosing_lifts_the_pause() -> None:
    round, (mentee, _), (mentor, other), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)

    services.pause_create(round=round, mentee=mentee, note="Back next year")

    req.refresh_from_db()
    assert req.status == RequestStatus.WITHDRAWN
    services.request_create(round=round, mentee=mentee, mentor=other)
    assert not RoundPause.objects.filter(round=round, mentee=mentee).exists()
