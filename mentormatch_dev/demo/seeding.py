"""Writing the demo programme to the database: people, profiles, a round ready to run.

``demo_seed`` is idempotent: people are found again by username and profile id, the rounds by
name, and nothing already there is created twice.  Everything demo-made is recognisable (the
``demo.example.edu`` e-mail domain, the round names below), which is what ``demo_reset``
deletes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from mentormatch.accounts.models import AuthSource, User
from mentormatch.directory.importing import profiles_import
from mentormatch.directory.models import Profile, Publication
from mentormatch.notifications.models import OutboxMessage
from mentormatch.questionnaire.models import Audience, Question, Response, ResponseStatus
from mentormatch.questionnaire.services import response_submit
from mentormatch.rounds.models import ParticipantRole, Participation, Round, RoundStatus
from mentormatch.rounds.services import participants_invite, round_create, round_open
from mentormatch_dev.demo.answers import answer_for
from mentormatch_dev.demo.generate import (
    DEMO_EMAIL_DOMAIN,
    Person,
    generate_people,
    make_person,
    to_jsonl,
)
from mentormatch_dev.demo.history import HISTORY_ROUND_NAME, demo_history
from mentormatch_dev.demo.vocabulary import FIELDS

DEMO_PASSWORD = "mentormatch-demo"  # noqa: S105 - printed for the demo; demo accounts only
CURRENT_ROUND_NAME = "Faculty mentoring 2027 (demo)"
DEMO_ROUND_NAMES = (CURRENT_ROUND_NAME, HISTORY_ROUND_NAME)
# Share of participants who have answered and submitted by the time the demo starts.
SUBMITTED_SHARE = 0.85


class DemoSeedError(RuntimeError):
    """The demo data could not be written (a bug in the generator, not in the user's input)."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    description: str


DEMO_ACCOUNTS = (
    DemoAccount("coordinator", "coordinator", "runs rounds, matching and reports"),
    DemoAccount("admin", "site admin", "the Django admin at /admin/ only (staff, superuser)"),
    DemoAccount("mentor", "mentor", "a cardiology professor taking part as a mentor"),
    DemoAccount("mentee", "mentee", "a cardiology assistant professor looking for a mentor"),
)


@dataclass
class SeedSummary:
    people: int = 0
    created_users: int = 0
    publications: int = 0
    round_name: str = ""
    mentees: int = 0
    mentors: int = 0
    submitted: int = 0
    history_name: str = ""
    history_mentorships: int = 0
    accounts: tuple[DemoAccount, ...] = DEMO_ACCOUNTS


def demo_records(*, seed: int, count: int) -> list[Person]:
    """The generated faculty plus the demo ``mentor`` and ``mentee`` (same field, shared
    topics, so that the matching pairs them)."""
    people = generate_people(seed=seed, count=count)
    rng = random.Random(f"demo-pair-{seed}")
    cardiology = next(f for f in FIELDS if f.department == "Cardiology")
    shared = ["atrial fibrillation", "stroke prevention", "cardiac imaging"]
    mentor = make_person(
        rng,
        pid="mentor",
        name="Dana Whitfield",
        email=f"mentor@{DEMO_EMAIL_DOMAIN}",
        field=cardiology,
        rank="Professor",
        track="clinical_investigator",
        roles=["mentor"],
        topics=[*shared, "ambulatory electrocardiographic monitoring"],
        cross="machine learning",
    )
    mentor["capacity"] = 2
    mentee = make_person(
        rng,
        pid="mentee",
        name="Sam Rivera",
        email=f"mentee@{DEMO_EMAIL_DOMAIN}",
        field=cardiology,
        rank="Assistant Professor",
        track="clinical_investigator",
        roles=["mentee"],
        topics=[shared[0], shared[2], shared[1]],
        cross="machine learning",
    )
    return [mentor, mentee, *people]


def _username(person: Person) -> str:
    return str(person["id"])


def _import_people(
    people: list[Person], coordinator: User, password_hash: str
) -> tuple[dict[str, User], int]:
    """People and profiles through the directory importer (the path real data takes), then
    a known password so the demo accounts can sign in."""
    report = profiles_import(
        file=to_jsonl(people).encode("utf-8"), filename="demo-people.jsonl", actor=coordinator
    )
    if not report.ok or report.errors:
        problems = report.file_error or "; ".join(
            f"line {e.line}: {e.reason}" for e in report.errors[:5]
        )
        raise DemoSeedError(f"The generated people did not import: {problems}")
    usernames = [_username(p) for p in people]
    User.objects.filter(username__in=usernames, auth_source=AuthSource.IMPORT).update(
        password=password_hash, auth_source=AuthSource.LOCAL
    )
    Profile.objects.filter(user__username__in=usernames, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    return users, report.created


def _ensure_coordinator(password_hash: str) -> User:
    """A programme coordinator and nothing more: its password is printed, so it must not
    open the Django admin (an older demo database made it a superuser; that is undone)."""
    user, _ = User.objects.update_or_create(
        username="coordinator",
        defaults={"is_coordinator": True, "is_staff": False, "is_superuser": False},
        create_defaults={
            "email": f"coordinator@{DEMO_EMAIL_DOMAIN}",
            "first_name": "Alex",
            "last_name": "Morgan",
            "password": password_hash,
            "is_coordinator": True,
        },
    )
    # The demo's coordinator may read confidential answers, to show how it is audited.
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="accounts", codename="view_confidential_answers"
        )
    )
    return user


def _ensure_admin(password_hash: str) -> User:
    """The demo's site administrator: the Django admin, separate from the programme roles."""
    user, _ = User.objects.get_or_create(
        username="admin",
        defaults={
            "email": f"admin@{DEMO_EMAIL_DOMAIN}",
            "first_name": "Site",
            "last_name": "Administrator",
            "password": password_hash,
            "is_staff": True,
            "is_superuser": True,
        },
    )
    return user


def _ensure_round(coordinator: User) -> Round:
    """The current round, created and opened as a coordinator would (default questions)."""
    existing = Round.objects.filter(name=CURRENT_ROUND_NAME).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    round_ = round_create(
        actor=coordinator,
        name=CURRENT_ROUND_NAME,
        description=(
            "The annual faculty mentoring round: junior faculty are matched with senior "
            "colleagues who share their research interests."
        ),
        opens_on=today - timedelta(days=14),
        closes_on=today + timedelta(days=30),
    )
    return round_open(round=round_, actor=coordinator)


def _invite(round_: Round, coordinator: User) -> None:
    """Everyone eligible takes part (their invitation e-mails go to the mail catcher)."""
    participants_invite(round=round_, actor=coordinator)


def _participants(round_: Round) -> tuple[int, int]:
    taking_part = Participation.objects.filter(round=round_, withdrawn_at=None)
    return (
        taking_part.filter(role=ParticipantRole.MENTEE).count(),
        taking_part.filter(role=ParticipantRole.MENTOR).count(),
    )


def _answer_questionnaires(
    round_: Round, people: list[Person], users: dict[str, User], seed: int
) -> None:
    """Submitted answers for most participants (always the demo mentor, never the demo mentee,
    who is left to answer in the demo), to the round's actual questions, through the same
    service the questionnaire page uses."""
    questions = list(Question.objects.filter(round=round_).order_by("position", "id"))
    answered = set(Response.objects.filter(round=round_).values_list("user__username", "role"))
    for person in people:
        username = _username(person)
        for role in ("mentee", "mentor"):
            if role not in person["roles"]:
                continue
            # One generator per answer sheet: what one person answers never depends on
            # whether someone else was answered on an earlier run.
            rng = random.Random(f"answers-{seed}-{username}-{role}")
            draw = rng.random()
            if username == "mentee" or (username != "mentor" and draw >= SUBMITTED_SHARE):
                continue
            if (username, role) in answered or not questions:
                continue
            answers = {
                q.key: answer_for(q, rng, role=role, person=person, generous=username == "mentor")
                for q in questions
                if q.audience in (role, Audience.BOTH)
            }
            response_submit(round=round_, user=users[username], role=role, answers=answers)


@transaction.atomic
def demo_seed(*, seed: int = 2027, people: int = 320) -> SeedSummary:
    """Create (or complete) the demo programme; safe to run again."""
    records = demo_records(seed=seed, count=people)
    password_hash = make_password(DEMO_PASSWORD)
    summary = SeedSummary(people=len(records))
    coordinator = _ensure_coordinator(password_hash)
    _ensure_admin(password_hash)
    users, summary.created_users = _import_people(records, coordinator, password_hash)
    summary.publications = Publication.objects.filter(profile__user__in=users.values()).count()
    history = demo_history(coordinator=coordinator, people=records, users=users, seed=seed)
    summary.history_name = history.name
    summary.history_mentorships = history.mentorships.count()
    round_ = _ensure_round(coordinator)
    summary.round_name = round_.name
    if round_.status == RoundStatus.OPEN:  # left alone once closed in the demo
        _invite(round_, coordinator)
        _answer_questionnaires(round_, records, users, seed)
    summary.mentees, summary.mentors = _participants(round_)
    summary.submitted = Response.objects.filter(
        round=round_, status=ResponseStatus.SUBMITTED
    ).count()
    return summary


@transaction.atomic
def demo_reset() -> dict[str, int]:
    """Delete everything the demo seeding made (demo people, their rounds, their e-mails)."""
    rounds = Round.objects.filter(name__in=DEMO_ROUND_NAMES)
    mail = OutboxMessage.objects.filter(to_email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
    users = User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
    counts = {"rounds": rounds.count(), "mail": mail.count(), "users": users.count()}
    for queryset in (rounds, mail, users):
        queryset.delete()
    return counts
