"""Whole programmes built from ``tests.factories``, for tests that need many objects at once.

- ``ready_round``: an open round where every participant has submitted, ready to match.
- ``programme``: a closed round with published results, every mentor on every shortlist.
- ``build_world``: one of every kind of object, owned by named people, for access tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.home.models import InfoPage
from mentormatch.matching.models import MatchRun, Suggestion
from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RequestStatus
from mentormatch.notifications.models import OutboxMessage
from mentormatch.questionnaire.models import Question, Response
from mentormatch.rounds.models import ParticipantRole, Round, RoundStatus
from tests.factories import (
    join,
    make_mentorship,
    make_request,
    make_round,
    make_user,
    publish_run,
    submit,
    suggest,
)

TOPICS = ["heart failure trials", "cancer immunotherapy", "diabetes care", "stroke imaging"]


def ready_round(
    mentees: int = 3, mentors: int = 2, **fields: Any
) -> tuple[Round, list[User], list[User]]:
    """An open round where everyone has submitted; mentors take up to five mentees each.

    Mentee ``i`` and mentor ``i`` share the research topic ``TOPICS[i % 4]``.
    """
    round_ = make_round(**fields)
    mentee_users, mentor_users = [], []
    for i in range(mentees):
        user = make_user(f"Mentee{i}", mentee=True, interests=TOPICS[i % len(TOPICS)])
        join(round_, user, "mentee")
        submit(round_, user, "mentee")
        mentee_users.append(user)
    for i in range(mentors):
        topic = TOPICS[i % len(TOPICS)]
        user = make_user(
            f"Mentor{i}",
            mentor=True,
            rank="Professor",
            interests=topic,
            publications=(f"Advances in {topic}",),
        )
        join(round_, user, "mentor", capacity=5)
        submit(round_, user, "mentor")
        mentor_users.append(user)
    return round_, mentee_users, mentor_users


def programme(
    *, mentees: int = 2, mentors: int = 2, capacity: int = 1
) -> tuple[Round, list[User], list[User], MatchRun]:
    """ "Spring 2027", closed yesterday with published results.

    Every mentee (``Mentee0 Tester``, …, in Medicine) has every mentor (``Mentor0 Tester``,
    …, professors in Medicine) on their shortlist, in order, with falling scores; no request
    has been made yet.
    """
    today = timezone.localdate()
    round_ = make_round(
        "Spring 2027",
        status=RoundStatus.CLOSED,
        questionnaire=False,
        published=True,
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=1),
    )
    run = publish_run(round_)
    mentee_users = [
        make_user(f"Mentee{i}", username=f"mentee{i}", mentee=True, department="Medicine")
        for i in range(mentees)
    ]
    mentor_users = [
        make_user(
            f"Mentor{i}",
            username=f"mentor{i}",
            mentor=True,
            department="Medicine",
            rank="Professor",
        )
        for i in range(mentors)
    ]
    for mentee in mentee_users:
        join(round_, mentee, ParticipantRole.MENTEE)
    for mentor in mentor_users:
        join(round_, mentor, ParticipantRole.MENTOR, capacity=capacity)
    for mentee in mentee_users:
        for position, mentor in enumerate(mentor_users, start=1):
            suggest(run, mentee, mentor, position=position, score=max(0.1, 0.9 - 0.1 * position))
    return round_, mentee_users, mentor_users, run


@dataclass
class World:
    """``ana`` (mentee) and ``mo`` (mentor) are matched in an open round; ``eve`` is another
    mentee and ``max`` another mentor with their own objects; ``cora`` is a coordinator."""

    round: Round
    ana: User
    mo: User
    eve: User
    max: User
    cora: User
    ana_response: Response
    eve_response: Response
    confidential_question: Question
    run: MatchRun
    ana_suggestion: Suggestion
    eve_suggestion: Suggestion
    ana_request: MentorshipRequest
    eve_request: MentorshipRequest
    ana_mentorship: Mentorship
    eve_mentorship: Mentorship


def _person(username: str, *, mentee: bool = False, mentor: bool = False) -> User:
    """Someone whose every personal field names them: interests, an unsaved draft, a paper."""
    return make_user(
        username.title(),
        username=username,
        mentee=mentee,
        mentor=mentor,
        department="Medicine",
        interests=f"{username}'s research interests",
        draft={"interests": f"{username}'s unsaved draft"},
        publications=(f"A paper by {username}",),
    )


def build_world() -> World:
    today = timezone.localdate()
    round_ = make_round(
        "Spring 2027",
        questionnaire=False,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=20),
    )
    ana, eve = _person("ana", mentee=True), _person("eve", mentee=True)
    mo, max_ = _person("mo", mentor=True), _person("max", mentor=True)
    cora = make_user("Cora", username="cora", coordinator=True, profile=False)
    for user, role in ((ana, "mentee"), (eve, "mentee"), (mo, "mentor"), (max_, "mentor")):
        join(round_, user, role)
    question = Question.objects.create(
        round=round_,
        key="mentor-gender",
        text="Do you prefer a mentor of a particular gender?",
        kind="single",
        choices=[{"value": "any", "label": "No preference"}, {"value": "w", "label": "A woman"}],
        audience="mentee",
        confidential=True,
    )
    Question.objects.create(
        round=round_,
        key="goals",
        text="What do you hope to get from a mentor?",
        kind="text",
        audience="mentee",
        required=False,
    )
    responses = {
        user.username: submit(
            round_,
            user,
            "mentee",
            {"mentor-gender": "w", "goals": f"{user.username.upper()}-PRIVATE-GOALS"},
        )
        for user in (ana, eve)
    }
    InfoPage.objects.create(slug="how-it-works", title="How it works", body="Read me.")
    run = publish_run(round_, {ana: [(mo, 0.9)], eve: [(max_, 0.8)]})
    ana_s, eve_s = (run.suggestions.get(mentee=mentee) for mentee in (ana, eve))
    ana_r, eve_r = (
        make_request(
            round_,
            mentee,
            mentor,
            RequestStatus.ACCEPTED,
            suggestion=suggestion,
            message=f"Hello from {mentee.username}",
        )
        for mentee, mentor, suggestion in ((ana, mo, ana_s), (eve, max_, eve_s))
    )
    OutboxMessage.objects.create(
        dedupe_key="results-ana",
        kind="round_results",
        recipient=ana,
        to_email=ana.email,
        subject="Your shortlist",
        body_text="Your mentors",
        next_attempt_at=timezone.now(),
    )
    return World(
        round=round_,
        ana=ana,
        mo=mo,
        eve=eve,
        max=max_,
        cora=cora,
        ana_response=responses["ana"],
        eve_response=responses["eve"],
        confidential_question=question,
        run=run,
        ana_suggestion=ana_s,
        eve_suggestion=eve_s,
        ana_request=ana_r,
        eve_request=eve_r,
        ana_mentorship=make_mentorship(round_, ana, mo, request=ana_r),
        eve_mentorship=make_mentorship(round_, eve, max_, request=eve_r),
    )
