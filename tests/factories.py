"""The test builders every test uses: people, rounds, answers, published runs, requests.

Plain typed functions rather than factory_boy: most of what tests build spans several models
at once (a person and their profile and papers, a published run and its shortlists, a
mentorship and the accepted request it came from), keyword flags read as well as traits do,
and mypy checks every call and every returned object, which factory_boy's untyped
``Factory.__call__`` would not.

Each builder writes realistic rows with the fewest fields a test has to name; a test passes
whatever it asserts on (a name, a department, a date) explicitly.  Names are unique through a
sequence, so tests never collide on usernames or profile ids.  Passwords are not hashed
unless ``password`` is given (only sign-in tests need one).  Scenarios built from these (a
round ready to match, a published programme, a world with one of everything) are in
``tests/scenarios.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils import timezone

from mentormatch.accounts.models import AuthSource, User
from mentormatch.directory.models import Profile, Publication
from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipSource,
    RequestStatus,
)
from mentormatch.questionnaire.defaults import questionnaire_install_defaults
from mentormatch.questionnaire.models import Response
from mentormatch.questionnaire.services import response_submit
from mentormatch.rounds.models import Participation, Round, RoundStatus

_sequence = itertools.count(1)

# Answers to the default questionnaire that pass its validation; ``submit`` starts from these.
DEFAULT_ANSWERS: dict[str, dict[str, Any]] = {
    "mentee": {
        "areas_wanted": ["research", "grant_writing"],
        "career_track_pref": "no_preference",
        "department_pref": "no_preference",
        "mentor_rank_pref": "no_preference",
        "meeting_mode": "no_preference",
        "meeting_frequency": "monthly",
    },
    "mentor": {
        "areas_offered": ["research", "grant_writing", "publishing"],
        "career_track": "research",
        "mentor_rank": "Professor",
        "meeting_mode": "in_person",
        "meeting_frequency": "monthly",
        "capacity": 5,
    },
}


# --- People --------------------------------------------------------------------------------


def make_user(
    name: str = "Person",
    *,
    username: str | None = None,
    email: str | None = None,
    last_name: str = "Tester",
    mentee: bool = False,
    mentor: bool = False,
    coordinator: bool = False,
    staff: bool = False,
    superuser: bool = False,
    active: bool = True,
    password: str | None = None,
    auth_source: str = AuthSource.LOCAL,
    profile: bool = True,
    person_id: str | None = None,
    department: str = "Cardiology",
    rank: str = "Assistant Professor",
    track: str = "",
    interests: str = "heart failure clinical trials",
    keywords: Sequence[str] = (),
    publications: Iterable[str] = (),
    confirmed: bool = False,
    draft: dict[str, Any] | None = None,
) -> User:
    """A person called ``name`` (the first name), by default with a research profile.

    The username is ``name`` in lower case plus a sequence number unless ``username`` is
    given; the e-mail address is the username at example.edu unless ``email`` is given.
    Without ``password`` the account cannot sign in with one (``force_login`` still works).
    ``profile=False`` leaves the profile out (a coordinator, someone not yet imported); the
    other keywords after it describe the profile (see ``make_profile``).
    """
    username = username or f"{name.lower()}{next(_sequence)}"
    user = User.objects.create_user(
        username=username,
        email=email if email is not None else f"{username}@example.edu",
        password=password,
        first_name=name,
        last_name=last_name,
        is_mentee=mentee,
        is_mentor=mentor,
        is_coordinator=coordinator,
        is_staff=staff or superuser,
        is_superuser=superuser,
        is_active=active,
        auth_source=auth_source,
    )
    if profile:
        make_profile(
            user,
            person_id=person_id,
            department=department,
            rank=rank,
            track=track,
            interests=interests,
            keywords=keywords,
            publications=publications,
            confirmed=confirmed,
            draft=draft,
        )
    return user


def make_profile(
    user: User,
    *,
    person_id: str | None = None,
    department: str = "Cardiology",
    rank: str = "Assistant Professor",
    track: str = "",
    interests: str = "heart failure clinical trials",
    keywords: Sequence[str] = (),
    publications: Iterable[str] = (),
    confirmed: bool = False,
    draft: dict[str, Any] | None = None,
) -> Profile:
    """The research profile of ``user``, with one 2024 publication per title given.

    ``confirmed`` stamps it as confirmed by its owner just now (not stale).
    """
    profile = Profile.objects.create(
        user=user,
        person_id=person_id or f"p-{user.username}",
        department=department,
        rank=rank,
        track=track,
        interests=interests,
        keywords=list(keywords),
        draft=draft,
        confirmed_at=timezone.now() if confirmed else None,
    )
    for title in publications:
        Publication.objects.create(profile=profile, title=title, year=2024)
    return profile


# --- Rounds and what participants answer ---------------------------------------------------


def make_round(
    name: str | None = None,
    *,
    status: str = RoundStatus.OPEN,
    questionnaire: bool = True,
    published: bool = False,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    **fields: Any,
) -> Round:
    """A round that opened ten days ago and closes in twenty, with the default questionnaire.

    ``questionnaire=False`` leaves the questions out (for tests that write their own);
    ``published`` marks the results published now.  Matching uses the lexical affinity only,
    so runs need no sentence-embedding model.  Other keywords are Round fields.
    """
    today, now = timezone.localdate(), timezone.now()
    values: dict[str, Any] = {
        "name": name or f"Round {next(_sequence)}",
        "status": status,
        "opens_on": opens_on or today - dt.timedelta(days=10),
        "closes_on": closes_on or today + dt.timedelta(days=20),
        "opened_at": None if status == RoundStatus.DRAFT else now - dt.timedelta(days=10),
        "results_published_at": now if published else None,
        "matching_settings": {"affinity_method": "lexical"},
    }
    values.update(fields)
    round_ = Round.objects.create(**values)
    if questionnaire:
        questionnaire_install_defaults(round=round_)
    return round_


def join(round_: Round, user: User, role: str, *, capacity: int = 1) -> Participation:
    """``user`` takes part in ``round_`` as ``role``, invited just now."""
    return Participation.objects.create(
        round=round_, user=user, role=role, capacity=capacity, invited_at=timezone.now()
    )


def submit(
    round_: Round, user: User, role: str, answers: Mapping[str, Any] | None = None
) -> Response:
    """``user`` submits the questionnaire through the real service.

    The answers are ``DEFAULT_ANSWERS[role]`` with ``answers`` laid over them; keys the round
    has no question for are ignored, as the service does.  A mentor's answer to the capacity
    question (5 by default) becomes their capacity, when the round asks it.
    """
    merged = {**DEFAULT_ANSWERS.get(role, {}), **(answers or {})}
    return response_submit(round=round_, user=user, role=role, answers=merged)


# --- Matching results ----------------------------------------------------------------------


def publish_run(
    round_: Round, shortlists: Mapping[User, Sequence[tuple[User, float]]] | None = None
) -> MatchRun:
    """A finished, published run of ``round_`` with each mentee's shortlist, best first.

    The first mentor of each shortlist is the one the assignment chose.  The round's results
    are marked published (unless they already were).
    """
    run = MatchRun.objects.create(
        round=round_,
        status=RunStatus.SUCCEEDED,
        progress=1.0,
        finished_at=timezone.now(),
        is_published=True,
    )
    for mentee, entries in (shortlists or {}).items():
        for position, (mentor, score) in enumerate(entries, start=1):
            suggest(run, mentee, mentor, position=position, score=score, assigned=position == 1)
    if round_.results_published_at is None:
        round_.results_published_at = run.finished_at
        round_.save(update_fields=["results_published_at"])
    return run


def suggest(
    run: MatchRun,
    mentee: User,
    mentor: User,
    *,
    position: int = 1,
    score: float = 0.82,
    assigned: bool = False,
    topics: list[list[Any]] | None = None,
    preferences: list[str] | None = None,
) -> Suggestion:
    """``mentor`` at ``position`` on ``mentee``'s shortlist, with the reasons shown to them."""
    return Suggestion.objects.create(
        run=run,
        mentee=mentee,
        mentor=mentor,
        position=position,
        score=score,
        assigned=assigned,
        shared_topics=topics if topics is not None else [["cardiac imaging", 0.4]],
        preferences_met=preferences if preferences is not None else ["Same track"],
    )


# --- Requests and mentorships --------------------------------------------------------------


def make_request(
    round_: Round,
    mentee: User,
    mentor: User,
    status: str = RequestStatus.PENDING,
    *,
    suggestion: Suggestion | None = None,
    message: str = "",
) -> MentorshipRequest:
    """``mentee`` asks ``mentor``; the request expires in a week."""
    return MentorshipRequest.objects.create(
        round=round_,
        mentee=mentee,
        mentor=mentor,
        status=status,
        suggestion=suggestion,
        message=message,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )


def make_mentorship(
    round_: Round, mentee: User, mentor: User, *, request: MentorshipRequest | None = None
) -> Mentorship:
    """A mentorship that came from ``request`` (by default a new accepted one)."""
    request = request or make_request(round_, mentee, mentor, RequestStatus.ACCEPTED)
    return Mentorship.objects.create(
        round=round_, mentee=mentee, mentor=mentor, request=request, source=MentorshipSource.REQUEST
    )
