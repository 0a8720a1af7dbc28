"""Someone else's request or suggestion is a 404: ids do not leak."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mentormatch.mentorships import services
from mentormatch.mentorships.models import Mentorship, RequestStatus
from tests.factories import make_user
from tests.scenarios import programme

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_another_mentee_cannot_see_or_act_on_someone_elses_request() -> None:
    round, (mentee, other_mentee), (mentor, _), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)
    intruder = _client(other_mentee)

    for name in ("request_detail", "request_accept", "request_decline", "request_withdraw"):
        url = reverse(f"mentorships:{name}", args=[req.pk])
        assert intruder.get(url).status_code == 404, name
        assert intruder.post(url, {"reason": "x"}).status_code == 404, name
    req.refresh_from_db()
    assert req.status == RequestStatus.PENDING


def test_another_mentor_cannot_answer_and_the_mentee_cannot_accept_for_the_mentor() -> None:
    round, (mentee, _), (mentor, other_mentor), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor)

    assert (
        _client(other_mentor).post(reverse("mentorships:request_accept", args=[req.pk])).status_code
        == 404
    )
    assert (
        _client(mentee).post(reverse("mentorships:request_accept", args=[req.pk])).status_code
        == 404
    )
    assert (
        _client(mentor).post(reverse("mentorships:request_withdraw", args=[req.pk])).status_code
        == 404
    )
    assert not Mentorship.objects.exists()


def test_a_mentee_cannot_choose_from_someone_elses_shortlist() -> None:
    round, (mentee, other_mentee), _, run = programme()
    theirs = run.suggestions.filter(mentee=other_mentee).first()
    assert theirs is not None

    response = _client(mentee).get(reverse("mentorships:choose", args=[round.pk, theirs.pk]))

    assert response.status_code == 404


def test_a_coordinator_may_read_any_request() -> None:
    round, (mentee, _), (mentor, _), _ = programme()
    req = services.request_create(round=round, mentee=mentee, mentor=mentor, message="Hi there")
    coordinator = make_user("Coord", coordinator=True)

    page = _client(coordinator).get(reverse("mentorships:request_detail", args=[req.pk]))

    assert page.status_code == 200
    assert "Hi there" in page.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in() -> None:
    round, _, _, _ = programme()

    response = Client().get(reverse("mentorships:shortlist", args=[round.pk]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
