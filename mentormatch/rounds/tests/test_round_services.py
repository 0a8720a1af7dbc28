"""Rounds: the state machine, editing, inviting and adding people by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from mentormatch.audit.models import AuditEvent
from mentormatch.notifications.models import OutboxMessage
from mentormatch.questionnaire.models import Question
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import Participation, RoundStatus
from mentormatch.rounds.services import (
    participant_add,
    participant_remove,
    participants_invite,
    round_close,
    round_create,
    round_open,
    round_update,
)
from tests.factories import make_round, make_user

pytestmark = pytest.mark.django_db


def _new_round(coordinator: Any, **kwargs: Any) -> Any:
    fields: dict[str, Any] = {
        "name": "Spring",
        "opens_on": timezone.localdate(),
        "closes_on": timezone.localdate() + dt.timedelta(days=30),
    }
    fields.update(kwargs)
    return round_create(actor=coordinator, **fields)


def test_a_new_round_is_a_draft_with_the_default_questionnaire_and_an_audit_row(
    coordinator: Any,
) -> None:
    round = _new_round(coordinator)

    assert round.status == RoundStatus.DRAFT
    assert round.shortlist_size == 3
    assert Question.objects.filter(round=round, key="areas_wanted").exists()
    event = AuditEvent.objects.get(action="round.create")
    assert event.actor == coordinator
    assert event.round_id == round.pk


def test_a_round_that_closes_before_it_opens_is_refused(coordinator: Any) -> None:
    with pytest.raises(RoundError, match="closing date must be on or after") as info:
        _new_round(coordinator, closes_on=timezone.localdate() - dt.timedelta(days=1))
    assert info.value.field == "closes_on"


def test_opening_and_closing_follow_the_state_machine(coordinator: Any) -> None:
    round = _new_round(coordinator)

    round = round_open(round=round, actor=coordinator)
    assert round.status == RoundStatus.OPEN
    assert round.opened_at is not None
    with pytest.raises(RoundError, match="already open"):
        round_open(round=round, actor=coordinator)

    round = round_close(round=round, actor=coordinator)
    assert round.status == RoundStatus.CLOSED
    with pytest.raises(RoundError, match="Only an open round"):
        round_close(round=round, actor=coordinator)
    assert [e.action for e in AuditEvent.objects.order_by("id")] == [
        "round.create",
        "round.open",
        "round.close",
    ]


def test_a_round_whose_closing_date_has_passed_cannot_be_opened(coordinator: Any) -> None:
    round = make_round(
        status=RoundStatus.DRAFT,
        opens_on=timezone.localdate() - dt.timedelta(days=20),
        closes_on=timezone.localdate() - dt.timedelta(days=1),
    )

    with pytest.raises(RoundError, match=r"closing date .* has passed"):
        round_open(round=round, actor=coordinator)
    round.refresh_from_db()
    assert round.status == RoundStatus.DRAFT


def test_editing_records_what_changed_and_a_closed_round_cannot_be_edited(
    coordinator: Any,
) -> None:
    round = _new_round(coordinator)

    round_update(round=round, actor=coordinator, name="Spring 2027", shortlist_size=5)

    round.refresh_from_db()
    assert (round.name, round.shortlist_size) == ("Spring 2027", 5)
    event = AuditEvent.objects.get(action="round.update")
    assert set(event.details["changed"]) == {"name", "shortlist_size"}
    round_open(round=round, actor=coordinator)
    round_close(round=round, actor=coordinator)
    with pytest.raises(RoundError, match="closed"):
        round_update(round=round, actor=coordinator, name="Too late")


def test_inviting_adds_every_eligible_mentee_and_mentor_once_and_queues_their_emails(
    coordinator: Any,
) -> None:
    round = make_round()
    mentee = make_user("Mia", mentee=True)
    mentor = make_user("Max", mentor=True)
    both = make_user("Bo", mentee=True, mentor=True)
    make_user("Nobody")
    make_user("Gone", mentee=True, active=False)

    result = participants_invite(round=round, actor=coordinator)
    again = participants_invite(round=round, actor=coordinator)

    assert (result.mentees, result.mentors) == (2, 2)
    assert again.total == 0
    pairs = set(Participation.objects.values_list("user__first_name", "role"))
    assert pairs == {("Mia", "mentee"), ("Max", "mentor"), ("Bo", "mentee"), ("Bo", "mentor")}
    assert sorted(OutboxMessage.objects.values_list("to_email", flat=True)) == sorted(
        [mentee.email, mentor.email, both.email, both.email]
    )
    message = OutboxMessage.objects.get(to_email=mentee.email)
    assert round.name in message.subject
    assert f"/questionnaire/rounds/{round.pk}/mentee/" in message.body_text


def test_a_round_limited_to_departments_invites_only_people_from_them(coordinator: Any) -> None:
    round = make_round(departments=["Cardiology"])
    inside = make_user("In", mentee=True, department="Cardiology")
    make_user("Out", mentee=True, department="Oncology")
    make_user("NoProfile", mentee=True, profile=False)

    participants_invite(round=round, actor=coordinator)

    assert list(Participation.objects.values_list("user", flat=True)) == [inside.pk]


def test_a_person_can_be_added_by_hand_and_removed_and_is_not_invited_again(
    coordinator: Any,
) -> None:
    round = make_round(departments=["Cardiology"])
    outsider = make_user("Olga", mentor=True, department="Oncology")

    participation = participant_add(
        round=round, actor=coordinator, user=outsider, role="mentor", capacity=3
    )
    assert participation.capacity == 3
    with pytest.raises(RoundError, match="already takes part"):
        participant_add(round=round, actor=coordinator, user=outsider, role="mentor")

    participant_remove(participation=participation, actor=coordinator)
    participation.refresh_from_db()
    assert participation.withdrawn_at is not None
    participants_invite(round=round, actor=coordinator)
    participation.refresh_from_db()
    assert participation.withdrawn_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"round.participant_add", "round.participant_remove"} <= actions


def test_nobody_can_be_invited_to_a_closed_round(coordinator: Any) -> None:
    round = make_round(status=RoundStatus.CLOSED)
    make_user("Late", mentee=True)

    with pytest.raises(RoundError, match="closed"):
        participants_invite(round=round, actor=coordinator)
    assert not Participation.objects.exists()
