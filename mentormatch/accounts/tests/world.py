"""A small programme with one of every kind of object, owned by named people.

``ana`` (mentee) and ``mo`` (mentor) are matched in an open round; ``eve`` is another mentee
and ``max`` another mentor with their own objects; ``cora`` is a coordinator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.directory.models import Profile, Publication
from mentormatch.home.models import InfoPage
from mentormatch.matching.models import MatchRun, Suggestion
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipSource,
    RequestStatus,
)
from mentormatch.notifications.models import OutboxMessage
from mentormatch.questionnaire.models import Answer, Question, Response, ResponseStatus
from mentormatch.rounds.models import Participation, Round, RoundStatus


def make_person(username: str, *, mentee: bool = False, mentor: bool = False) -> User:
    user = User.objects.create_user(
        username,
        email=f"{username}@example.edu",
        first_name=username.title(),
        last_name="Tester",
        is_mentee=mentee,
        is_mentor=mentor,
    )
    profile = Profile.objects.create(
        user=user,
        person_id=f"p-{username}",
        department="Medicine",
        rank="Assistant Professor",
        interests=f"{username}'s research interests",
        draft={"interests": f"{username}'s unsaved draft"},
    )
    Publication.objects.create(profile=profile, title=f"A paper by {username}", year=2024)
    return user


@dataclass
class World:
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


def build_world() -> World:
    today = timezone.localdate()
    round_ = Round.objects.create(
        name="Spring 2027",
        status=RoundStatus.OPEN,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=20),
        opened_at=timezone.now(),
    )
    ana, eve = make_person("ana", mentee=True), make_person("eve", mentee=True)
    mo, max_ = make_person("mo", mentor=True), make_person("max", mentor=True)
    cora = User.objects.create_user("cora", is_coordinator=True, email="cora@example.edu")
    for user, role in ((ana, "mentee"), (eve, "mentee"), (mo, "mentor"), (max_, "mentor")):
        Participation.objects.create(round=round_, user=user, role=role)
    question = Question.objects.create(
        round=round_,
        key="mentor-gender",
        text="Do you prefer a mentor of a particular gender?",
        kind="single",
        choices=[{"value": "any", "label": "No preference"}, {"value": "w", "label": "A woman"}],
        audience="mentee",
        confidential=True,
    )
    responses = {}
    goals = Question.objects.create(
        round=round_,
        key="goals",
        text="What do you hope to get from a mentor?",
        kind="text",
        audience="mentee",
        required=False,
    )
    for user in (ana, eve):
        response = Response.objects.create(
            round=round_,
            user=user,
            role="mentee",
            status=ResponseStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        Answer.objects.create(response=response, question=question, value="w")
        Answer.objects.create(
            response=response, question=goals, value=f"{user.username.upper()}-PRIVATE-GOALS"
        )
        responses[user.username] = response
    run = MatchRun.objects.create(
        round=round_,
        status="succeeded",
        progress=1.0,
        is_published=True,
        finished_at=timezone.now(),
    )
    round_.results_published_at = run.finished_at
    round_.save(update_fields=["results_published_at"])
    InfoPage.objects.create(slug="how-it-works", title="How it works", body="Read me.")
    ana_s = Suggestion.objects.create(run=run, mentee=ana, mentor=mo, position=1, score=0.9)
    eve_s = Suggestion.objects.create(run=run, mentee=eve, mentor=max_, position=1, score=0.8)

    def request(mentee: User, mentor: User, s: Suggestion) -> MentorshipRequest:
        return MentorshipRequest.objects.create(
            round=round_,
            mentee=mentee,
            mentor=mentor,
            suggestion=s,
            status=RequestStatus.ACCEPTED,
            message=f"Hello from {mentee.username}",
            decline_reason="",
            expires_at=timezone.now() + dt.timedelta(days=7),
        )

    ana_r, eve_r = request(ana, mo, ana_s), request(eve, max_, eve_s)
    ana_m = Mentorship.objects.create(
        round=round_, mentee=ana, mentor=mo, request=ana_r, source=MentorshipSource.REQUEST
    )
    eve_m = Mentorship.objects.create(
        round=round_, mentee=eve, mentor=max_, request=eve_r, source=MentorshipSource.REQUEST
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
        ana_mentorship=ana_m,
        eve_mentorship=eve_m,
    )
