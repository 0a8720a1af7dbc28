"""Reads for the home page ("where you stand") and the programme's information pages.

The home page never writes.  For each round the person takes part in, it reads their
standing (``mentorships.standing``, the one read model of where a participant stands) and
words it as the five steps of a round (profile, questionnaire, shortlist, request, match),
which of them are done, and the one thing to do next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from mentormatch.home.models import InfoPage
from mentormatch.mentorships.standing import SUBMITTED, Standing, person_standings
from mentormatch.rounds.models import ParticipantRole, Participation, Round, RoundStatus

STEP_KEYS = ("profile", "questionnaire", "shortlist", "request", "match")


def url_or_none(name: str, *args: Any) -> str | None:
    """The URL of a named page, or None while the page does not exist (yet)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def first_url(names: tuple[str, ...], *args: Any) -> str | None:
    for name in names:
        url = url_or_none(name, *args)
        if url:
            return url
    return None


@dataclass
class Step:
    key: str
    label: str
    done: bool
    detail: str = ""


@dataclass
class NextAction:
    text: str
    button: str = ""
    url: str | None = None


@dataclass
class RoundStanding:
    round: Round
    role: str
    steps: list[Step]
    next_action: NextAction
    current_key: str | None = None
    where: str = ""  # the read model's sentence, as the coordinator's pages word it
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def role_label(self) -> str:
        return ParticipantRole(self.role).label


# The other apps' pages this one links to (None while a page does not exist).
PROFILE_URLS = ("directory:edit", "directory:me")
SHORTLIST_URLS = ("mentorships:shortlist",)
MENTOR_REQUESTS_URLS = ("mentorships:incoming", "mentorships:mine")
MENTORSHIPS_URLS = ("mentorships:mine",)


def _questionnaire_url(round_: Round, role: str) -> str | None:
    return url_or_none("questionnaire:answer", round_.pk, role)


def _first_steps_action(s: Standing, *, mentor: bool) -> NextAction | None:
    """The profile or the questionnaire, while one of them is not done (both roles)."""
    if not s.profile_complete:
        why = "mentees read it when they choose" if mentor else "mentors and the matching read it"
        return NextAction(
            f"Your research profile is not complete yet: {why}.",
            "Complete your profile",
            first_url(PROFILE_URLS),
        )
    if s.questionnaire != SUBMITTED:
        ask = "Tell us what you can offer" if mentor else "Tell us what you want from a mentor"
        return NextAction(
            f"{ask}: answer this round's questionnaire.",
            "Answer the questionnaire",
            _questionnaire_url(s.round, s.role),
        )
    return None


def _mentee_request_detail(s: Standing) -> str:
    pending, refused = s.pending_request, s.last_refused_request
    if s.matched or s.accepted:
        return "Accepted"
    if pending:
        return f"Waiting for {pending.mentor.display_name} to answer"
    if refused:
        return f"{refused.get_status_display()}: choose another mentor"
    return ""


def _mentee_steps(s: Standing) -> list[Step]:
    mentor = s.mentor
    return [
        Step("profile", "Complete your research profile", s.profile_complete),
        Step("questionnaire", "Answer the questionnaire", s.questionnaire == SUBMITTED),
        Step(
            "shortlist",
            "Read your shortlist of suggested mentors",
            s.shortlisted,
            "" if s.shortlisted else "Published after the round's matching",
        ),
        Step(
            "request",
            "Ask the mentor you choose",
            bool(s.pending_request or s.matched),
            _mentee_request_detail(s),
        ),
        Step(
            "match",
            "Start your mentorship",
            s.matched,
            f"Matched with {mentor.display_name}" if mentor else "",
        ),
    ]


def _mentee_later_action(s: Standing) -> NextAction:
    """What a mentee with a shortlist does next, from the furthest thing they have done."""
    shortlist_url = first_url(SHORTLIST_URLS, s.round.pk)
    pending, refused, mentor = s.pending_request, s.last_refused_request, s.mentor
    if mentor:
        return NextAction(
            f"You are matched with {mentor.display_name}. Get in touch to plan your first meeting.",
            "See your mentorship",
            first_url(MENTORSHIPS_URLS),
        )
    if pending:
        return NextAction(
            f"Your request is with {pending.mentor.display_name}. You will hear by e-mail "
            f"when they answer (by {pending.expires_at:%-d %B %Y} at the latest).",
            "See your shortlist",
            shortlist_url,
        )
    if s.pause is not None:
        return NextAction(
            "You chose not to take a mentor in this round. You can still choose one from "
            "your shortlist while the round is open.",
            "See your shortlist",
            shortlist_url,
        )
    if refused:
        return NextAction(
            f"{refused.mentor.display_name} could not take you on this time. "
            "Choose another mentor from your shortlist.",
            "Choose another mentor",
            shortlist_url,
        )
    return NextAction(
        "Your shortlist is ready: read it and choose the mentor you would like.",
        "See your shortlist",
        shortlist_url,
    )


def _mentee_next_action(s: Standing) -> NextAction:
    first = _first_steps_action(s, mentor=False)
    if first is not None:
        return first
    if not s.shortlisted:
        return NextAction(
            f"You are all set. Your shortlist of mentors arrives by e-mail after the round "
            f"closes on {s.round.closes_on:%-d %B %Y}."
        )
    return _mentee_later_action(s)


def _mentor_steps(s: Standing) -> list[Step]:
    pending, mentees = len(s.pending_requests), len(s.active_mentorships)
    published = s.results_published
    return [
        Step("profile", "Complete your research profile", s.profile_complete),
        Step("questionnaire", "Answer the questionnaire", s.questionnaire == SUBMITTED),
        Step(
            "shortlist",
            "Matching suggests you to mentees",
            published,
            "On mentees' shortlists" if s.shortlisted else "",
        ),
        Step(
            "request",
            "Answer mentees' requests",
            published and pending == 0 and (s.answered_requests > 0 or mentees > 0),
            f"{pending} waiting for your answer" if pending else "",
        ),
        Step(
            "match",
            "Start your mentorships",
            mentees > 0,
            f"{mentees} of {s.capacity} places taken" if mentees else "",
        ),
    ]


def _mentor_next_action(s: Standing) -> NextAction:
    first = _first_steps_action(s, mentor=True)
    if first is not None:
        return first
    pending, mentees = len(s.pending_requests), len(s.active_mentorships)
    if pending:
        return NextAction(
            f"{pending} mentee request{'s' if pending != 1 else ''} waiting for your answer.",
            "Answer requests",
            first_url(MENTOR_REQUESTS_URLS),
        )
    if mentees:
        return NextAction(
            f"You mentor {mentees} mentee{'s' if mentees != 1 else ''} in this round.",
            "See your mentorships",
            first_url(MENTORSHIPS_URLS),
        )
    return NextAction(
        "You are all set. We will e-mail you when a mentee asks you to be their mentor."
    )


def round_standing(s: Standing) -> RoundStanding:
    """The home page's card for one standing: five steps, the current one, what to do next."""
    if s.is_mentor:
        steps, action = _mentor_steps(s), _mentor_next_action(s)
    else:
        steps, action = _mentee_steps(s), _mentee_next_action(s)
    current = next((step.key for step in steps if not step.done), None)
    return RoundStanding(s.round, s.role, steps, action, current, where=s.where)


def current_participations(user: Any) -> QuerySet[Participation]:
    """The person's places in rounds that are open, or whose results are out."""
    return (
        Participation.objects.filter(user=user, withdrawn_at__isnull=True)
        .filter(
            Q(round__status=RoundStatus.OPEN)
            | Q(round__status=RoundStatus.CLOSED, round__results_published_at__isnull=False)
        )
        .select_related("round")
        .order_by("-round__opens_on", "-round_id", "role")
    )


def user_standings(*, user: Any, limit: int = 4) -> list[RoundStanding]:
    participations = list(current_participations(user)[:limit])
    return [round_standing(s) for s in person_standings(user=user, participations=participations)]


def coordinator_rounds(*, limit: int = 10) -> QuerySet[Round]:
    return Round.objects.order_by("-opens_on", "-id")[:limit]


def info_pages_published() -> QuerySet[InfoPage]:
    return InfoPage.objects.filter(published=True)


def info_pages_all() -> QuerySet[InfoPage]:
    return InfoPage.objects.all()
