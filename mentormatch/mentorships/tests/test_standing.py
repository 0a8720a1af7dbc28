"""Where each participant stands: one stage and one sentence a person, read in few queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.directory.models import Profile
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipSource,
    RequestStatus,
)
from mentormatch.mentorships.standing import (
    Stage,
    mentee_funnel,
    mentor_funnel,
    person_standings,
    round_standings,
)
from mentormatch.mentorships.tests.every_stage import MENTEE_STAGES, every_stage_round
from mentormatch.questionnaire.models import Response, ResponseStatus
from mentormatch.rounds.models import Participation
from tests.factories import (
    join,
    make_mentorship,
    make_request,
    make_round,
    make_user,
    publish_run,
    submit,
)

pytestmark = pytest.mark.django_db

MENTEES_EXPECTED = {
    "invited": "Profile not complete",
    "profile_complete": "Questionnaire not started",
    "questionnaire_draft": "Questionnaire draft",
    "questionnaire_submitted": "No shortlist published for them",
    "shortlisted": "Has not chosen a mentor yet",
    "paused": "Paused (On leave this term)",
    "waiting": "Waiting for Busy Mentor",
    "declined": "Declined by Busy Mentor",
    "expired": "Request to Full Mentor expired",
    "withdrawn": "Request to Full Mentor withdrawn",
    "matched": "Matched with Busy Mentor",
    "ended": "Mentorship with Full Mentor ended",
}
MENTORS_EXPECTED = {
    "busy": (Stage.MATCHED, "1 of 2 places taken, 1 request waiting"),
    "full": (Stage.ENDED, "Mentorship with Ended Mentee ended"),
    "idle": (Stage.QUESTIONNAIRE_SUBMITTED, "On no published shortlist"),
    "new": (Stage.INVITED, "Profile not complete"),
}


def test_each_mentee_stands_at_their_stage_in_words_a_coordinator_reads() -> None:
    world = every_stage_round()

    standings = {s.user_id: s for s in round_standings(round=world.round)}

    for stage in MENTEE_STAGES:
        standing = standings[world.mentees[stage].pk]
        assert (standing.stage, standing.where) == (Stage(stage), MENTEES_EXPECTED[stage]), stage


def test_each_mentor_stands_at_their_stage() -> None:
    world = every_stage_round()

    standings = {s.user_id: s for s in round_standings(round=world.round)}

    for key, expected in MENTORS_EXPECTED.items():
        standing = standings[world.mentors[key].pk]
        assert (standing.stage, standing.where) == expected, key
    assert standings[world.mentors["busy"].pk].matched_with == ["Matched Mentee"]


def test_a_participant_who_withdrew_is_in_no_standing_and_no_funnel() -> None:
    world = every_stage_round()
    assert world.left is not None

    standings = round_standings(round=world.round)

    assert world.left.pk not in {s.user_id for s in standings}
    # The withdrawn mentee was shortlisted and sent a request: counted in neither.
    assert mentee_funnel(standings) == [
        ("Invited", 12),
        ("Profile complete", 11),
        ("Questionnaire done", 9),
        ("Shortlisted", 8),
        ("Requested a mentor", 6),
        ("Confirmed", 1),
    ]


def test_the_mentor_funnel_counts_mentors_then_places() -> None:
    world = every_stage_round()

    funnel = mentor_funnel(round_standings(round=world.round))

    assert funnel == [
        ("Invited", 4),
        ("Profile complete", 3),
        ("Questionnaire done", 3),
        ("On a shortlist", 2),
        ("Asked by a mentee", 2),
        ("Confirmed", 1),
        ("Places offered", 5),
        ("Places taken", 1),
    ]


def test_a_persons_standing_is_the_same_as_in_their_rounds_list() -> None:
    world = every_stage_round()
    people = [*world.mentees.values(), *world.mentors.values()]

    in_round = {s.user_id: (s.stage, s.where) for s in round_standings(round=world.round)}

    for person in people:
        (mine,) = person_standings(user=person)
        assert (mine.stage, mine.where) == in_round[person.pk], person.username


def test_a_person_in_two_rounds_has_a_standing_in_each() -> None:
    spring, autumn = (
        make_round("Spring 2027", questionnaire=False),
        make_round("Autumn 2027", questionnaire=False),
    )
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    mentor = make_user("Bruno", last_name="Costa", mentor=True)
    for round_ in (spring, autumn):
        join(round_, mentee, "mentee")
        join(round_, mentor, "mentor")
        submit(round_, mentee, "mentee")
        publish_run(round_, {mentee: [(mentor, 0.8)]})
    make_mentorship(spring, mentee, mentor)
    make_request(autumn, mentee, mentor)

    by_round = {s.round.name: s for s in person_standings(user=mentee)}

    assert by_round["Spring 2027"].where == "Matched with Bruno Costa"
    assert by_round["Autumn 2027"].where == "Waiting for Bruno Costa"
    mentor_in = {s.round.name: s.stage for s in person_standings(user=mentor)}
    assert mentor_in == {"Spring 2027": Stage.MATCHED, "Autumn 2027": Stage.WAITING}


def test_a_persons_rounds_are_read_in_as_many_queries_as_one_round(
    django_assert_max_num_queries: Any,
) -> None:
    mentee, mentor = (
        make_user("Ana", last_name="Lima", mentee=True),
        make_user("Bruno", last_name="Costa", mentor=True),
    )
    for i in range(4):
        round_ = make_round(f"Round {i}", questionnaire=False)
        join(round_, mentee, "mentee")
        join(round_, mentor, "mentor")
        submit(round_, mentee, "mentee")
        publish_run(round_, {mentee: [(mentor, 0.8)]})
        make_mentorship(round_, mentee, mentor)

    with django_assert_max_num_queries(7):
        words = [s.where for s in person_standings(user=mentee)]

    assert words == ["Matched with Bruno Costa"] * 4


def test_a_request_sent_after_a_mentorship_ended_is_where_the_mentee_stands() -> None:
    round_ = make_round("Spring 2027", questionnaire=False)
    mentee = make_user("Ana", last_name="Lima", mentee=True)
    first, second = (
        make_user("Bruno", last_name="Costa", mentor=True),
        make_user("Carla", last_name="Dias", mentor=True),
    )
    join(round_, mentee, "mentee")
    ended = make_mentorship(round_, mentee, first)
    ended.status = "ended"
    ended.save(update_fields=["status"])
    make_request(round_, mentee, second)

    (standing,) = person_standings(user=mentee)

    assert standing.where == "Waiting for Carla Dias"


def _big_round(mentees: int, mentors: int) -> Any:
    """A round of ``mentees + mentors`` people, built in bulk: every mentee submitted and is
    shortlisted; a third wait for an answer, a third are matched."""
    round_ = make_round("Spring 2027", questionnaire=False)
    users = User.objects.bulk_create(
        User(username=f"u{i}", first_name=f"P{i}", last_name="Bulk", password="!")
        for i in range(mentees + mentors)
    )
    Profile.objects.bulk_create(
        Profile(
            user=u,
            person_id=f"bulk-{u.pk}",
            department="Cardiology",
            rank="Professor",
            interests="x",
        )
        for u in users
    )
    mentee_users, mentor_users = users[:mentees], users[mentees:]
    Participation.objects.bulk_create(
        [Participation(round=round_, user=u, role="mentee") for u in mentee_users]
        + [Participation(round=round_, user=u, role="mentor", capacity=5) for u in mentor_users]
    )
    Response.objects.bulk_create(
        Response(round=round_, user=u, role="mentee", status=ResponseStatus.SUBMITTED)
        for u in mentee_users
    )
    run = MatchRun.objects.create(round=round_, status=RunStatus.SUCCEEDED, is_published=True)
    Suggestion.objects.bulk_create(
        Suggestion(
            run=run, mentee=u, mentor=mentor_users[(i + k) % mentors], position=k + 1, score=0.5
        )
        for i, u in enumerate(mentee_users)
        for k in range(3)
    )
    expires = timezone.now() + dt.timedelta(days=7)
    MentorshipRequest.objects.bulk_create(
        MentorshipRequest(
            round=round_,
            mentee=u,
            mentor=mentor_users[i % mentors],
            expires_at=expires,
            status=RequestStatus.PENDING if i % 3 == 0 else RequestStatus.ACCEPTED,
        )
        for i, u in enumerate(mentee_users)
        if i % 3 != 2
    )
    Mentorship.objects.bulk_create(
        Mentorship(
            round=round_,
            mentee=u,
            mentor=mentor_users[i % mentors],
            source=MentorshipSource.REQUEST,
        )
        for i, u in enumerate(mentee_users)
        if i % 3 == 1
    )
    return round_


def test_a_round_of_a_thousand_is_read_in_seven_queries(
    django_assert_max_num_queries: Any,
) -> None:
    round_ = _big_round(mentees=900, mentors=100)

    with django_assert_max_num_queries(7):
        standings = round_standings(round=round_)
        stages = [s.stage for s in standings]
        words = [s.where for s in standings]
        funnel = mentee_funnel(standings)

    assert len(standings) == 1000
    assert stages.count(Stage.MATCHED) == 300 + 100  # mentees matched, and every mentor
    assert stages.count(Stage.WAITING) == 300
    assert stages.count(Stage.SHORTLISTED) == 300
    assert "Matched with" in words[1]
    assert funnel[-1] == ("Confirmed", 300)


@pytest.mark.django_db
def test_the_round_page_reads_the_standings_once_for_its_funnel_and_its_participants(
    coordinator_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.urls import reverse

    from mentormatch.mentorships import hooks

    round = make_round()
    join(round, make_user("Mia", mentee=True), "mentee")
    calls: list[int] = []
    real = hooks.round_standings

    def counted(*, round: Any) -> Any:
        calls.append(round.pk)
        return real(round=round)

    monkeypatch.setattr(hooks, "round_standings", counted)
    page = coordinator_client.get(reverse("rounds:detail", args=[round.pk]))

    assert page.status_code == 200
    assert "Mia" in page.content.decode()
    assert calls == [round.pk]
