"""The whole flow through the pages: choose, decline with a private reason, choose again, accept."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mentormatch.mentorships import services
from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RequestStatus
from mentormatch.notifications.models import OutboxMessage
from tests.scenarios import programme

pytestmark = pytest.mark.django_db

PRIVATE_REASON = "Grant deadline in March; secret detail"


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_shortlist_shows_each_mentor_with_score_reasons_and_room() -> None:
    round, (mentee, _), (mentor, _), _ = programme()

    page = _client(mentee).get(reverse("mentorships:shortlist", args=[round.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Mentor0 Tester" in text and "Mentor1 Tester" in text
    assert "Match score 80 out of 100" in text
    assert "a strong match" in text
    assert "Shared topics: cardiac imaging" in text
    assert "Preferences met: Same track" in text
    assert "Professor, Medicine" in text
    assert "has room for you" in text
    assert "Choose Mentor0 Tester" in text
    assert "pause for this round" in text
    assert reverse("directory:detail", args=[mentor.profile.person_id]) in text


def test_a_full_mentor_is_shown_without_a_choose_button() -> None:
    round, (mentee_a, mentee_b), (mentor, _), _ = programme(capacity=1)
    services.request_create(round=round, mentee=mentee_b, mentor=mentor)

    text = _client(mentee_a).get(reverse("mentorships:shortlist", args=[round.pk])).content.decode()

    assert "Mentor0 Tester has no places left this round" in text
    assert "Choose Mentor0 Tester" not in text
    assert "Choose Mentor1 Tester" in text


def test_a_mentee_without_suggestions_sees_a_plain_message() -> None:
    round, _, (mentor, _), _ = programme()

    page = _client(mentor).get(reverse("mentorships:shortlist", args=[round.pk]))

    assert "You have no suggested mentors in this round" in page.content.decode()


def test_choose_decline_choose_again_accept() -> None:
    round, (mentee, _), (mentor_a, mentor_b), run = programme()
    suggestion_a = run.suggestions.get(mentee=mentee, mentor=mentor_a)
    suggestion_b = run.suggestions.get(mentee=mentee, mentor=mentor_b)
    as_mentee, as_mentor_a, as_mentor_b = _client(mentee), _client(mentor_a), _client(mentor_b)

    # The mentee opens the confirmation page, then confirms.
    choose_url = reverse("mentorships:choose", args=[round.pk, suggestion_a.pk])
    confirm = as_mentee.get(choose_url)
    assert "Ask Mentor0 Tester to be your mentor" in confirm.content.decode()
    assert not MentorshipRequest.objects.exists()  # a GET never creates a request
    sent = as_mentee.post(choose_url, {"message": "I study heart failure."}, follow=True)
    assert "Your request has gone to Mentor0 Tester" in sent.content.decode()
    assert "waiting for an answer" in sent.content.decode()
    req = MentorshipRequest.objects.get()

    # The mentor is e-mailed, with links to the request page.
    mail = OutboxMessage.objects.get(kind="request_received")
    assert mail.to_email == mentor_a.email
    assert reverse("mentorships:request_decline", args=[req.pk]) in mail.body_text

    # The mentor sees the request and declines with a private reason.
    incoming = as_mentor_a.get(reverse("mentorships:incoming")).content.decode()
    assert "Mentee0 Tester" in incoming
    assert "Spring 2027: 1 of your 1 place taken" in incoming
    detail = as_mentor_a.get(reverse("mentorships:request_detail", args=[req.pk]))
    assert "I study heart failure." in detail.content.decode()
    assert reverse("directory:detail", args=[mentee.profile.person_id]) in detail.content.decode()
    as_mentor_a.post(
        reverse("mentorships:request_decline", args=[req.pk]), {"reason": PRIVATE_REASON}
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.DECLINED

    # The mentee is told, without the reason, and sees no reason anywhere.
    declined_mail = OutboxMessage.objects.get(kind="request_declined")
    assert declined_mail.to_email == mentee.email
    assert PRIVATE_REASON not in declined_mail.body_text + declined_mail.body_html
    shortlist = as_mentee.get(reverse("mentorships:shortlist", args=[round.pk])).content.decode()
    mentee_detail = as_mentee.get(reverse("mentorships:request_detail", args=[req.pk]))
    assert PRIVATE_REASON not in shortlist + mentee_detail.content.decode()
    assert "Mentor0 Tester cannot take you on this round" in shortlist
    assert "Choose Mentor1 Tester" in shortlist

    # The mentee picks again; the second mentor accepts.
    as_mentee.post(reverse("mentorships:choose", args=[round.pk, suggestion_b.pk]), {"message": ""})
    second = MentorshipRequest.objects.get(status=RequestStatus.PENDING)
    assert second.mentor == mentor_b
    accept_url = reverse("mentorships:request_accept", args=[second.pk])
    assert "Confirm: accept" in as_mentor_b.get(accept_url).content.decode()
    as_mentor_b.post(accept_url)

    mentorship = Mentorship.objects.get()
    assert (mentorship.mentee, mentorship.mentor) == (mentee, mentor_b)
    told = OutboxMessage.objects.filter(kind="mentorship_confirmed")
    assert sorted(told.values_list("to_email", flat=True)) == sorted([mentee.email, mentor_b.email])
    mine = as_mentee.get(reverse("mentorships:mine")).content.decode()
    assert "Mentor1 Tester" in mine and "Active" in mine


def test_the_mentor_sees_their_own_decline_reason() -> None:
    round, (mentee, _), (mentor, _), run = programme()
    _client(mentee).post(
        reverse("mentorships:choose", args=[round.pk, run.suggestions.first().pk]),  # type: ignore[union-attr]
        {"message": ""},
    )
    req = MentorshipRequest.objects.get()
    as_mentor = _client(mentor)
    as_mentor.post(
        reverse("mentorships:request_decline", args=[req.pk]), {"reason": PRIVATE_REASON}
    )

    page = as_mentor.get(reverse("mentorships:request_detail", args=[req.pk]))

    assert PRIVATE_REASON in page.content.decode()


def test_choosing_a_second_mentor_while_one_waits_shows_why_and_keeps_the_message() -> None:
    round, (mentee, _), _, run = programme()
    as_mentee = _client(mentee)
    first, second = run.suggestions.filter(mentee=mentee).order_by("position")
    as_mentee.post(reverse("mentorships:choose", args=[round.pk, first.pk]), {"message": ""})

    page = as_mentee.post(
        reverse("mentorships:choose", args=[round.pk, second.pk]),
        {"message": "My typed note"},
    )

    text = page.content.decode()
    assert page.status_code == 400
    assert 'role="alert"' in text
    assert "Your request to Mentor0 Tester is still waiting" in text
    assert "My typed note" in text
    assert MentorshipRequest.objects.count() == 1


def test_a_mentee_can_withdraw_and_pause_for_the_round() -> None:
    round, (mentee, _), _, run = programme()
    as_mentee = _client(mentee)
    suggestion = run.suggestions.filter(mentee=mentee).first()
    assert suggestion is not None
    as_mentee.post(reverse("mentorships:choose", args=[round.pk, suggestion.pk]), {"message": ""})
    req = MentorshipRequest.objects.get()

    as_mentee.post(reverse("mentorships:request_withdraw", args=[req.pk]))
    req.refresh_from_db()
    assert req.status == RequestStatus.WITHDRAWN

    pause_url = reverse("mentorships:pause", args=[round.pk])
    assert "Confirm: pause for this round" in as_mentee.get(pause_url).content.decode()
    page = as_mentee.post(pause_url, {"note": "On leave"}, follow=True)
    assert "You have paused for this round" in page.content.decode()
    assert "Take part again" in page.content.decode()


def test_an_answered_request_offers_no_accept_button_from_an_old_e_mail_link() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    services.request_decline(request=req, mentor=mentor)
    as_mentor = _client(mentor)

    page = as_mentor.get(reverse("mentorships:request_accept", args=[req.pk])).content.decode()
    refused = as_mentor.post(reverse("mentorships:request_accept", args=[req.pk]))

    assert "no longer waiting for an answer: declined" in page
    assert "Confirm: accept" not in page
    assert refused.status_code == 400
    assert "no longer waiting" in refused.content.decode()
    assert not Mentorship.objects.exists()
