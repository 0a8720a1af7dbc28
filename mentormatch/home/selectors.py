"""Reads for the home page ("where you stand") and the programme's information pages.

The home page reads the other apps' models and never writes to them.  For each round the
person takes part in, it works out the five steps of a round (profile, questionnaire,
shortlist, request, match), which of them are done, and the one thing to do next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from mentormatch.directory.models import Profile
from mentormatch.home.models import InfoPage
from mentormatch.matching.models import Suggestion
from mentormatch.matching.selectors import published_run
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    RequestStatus,
    RoundPause,
)
from mentormatch.questionnaire.models import Response, ResponseStatus
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
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def role_label(self) -> str:
        return ParticipantRole(self.role).label


def _profile_complete(user: Any) -> bool:
    profile = Profile.objects.filter(user=user).first()
    return bool(profile and profile.is_complete)


def _questionnaire_submitted(user: Any, round_: Round, role: str) -> bool:
    return Response.objects.filter(
        round=round_, user=user, role=role, status=ResponseStatus.SUBMITTED
    ).exists()


# The other apps' pages this one links to (None while a page does not exist).
PROFILE_URLS = ("directory:edit", "directory:me")
SHORTLIST_URLS = ("mentorships:shortlist",)
MENTOR_REQUESTS_URLS = ("mentorships:incoming", "mentorships:mine")
MENTORSHIPS_URLS = ("mentorships:mine",)


def _questionnaire_url(round_: Round, role: str) -> str | None:
    return url_or_none("questionnaire:answer", round_.pk, role)


def _mentee_standing(user: Any, participation: Participation) -> RoundStanding:
    round_ = participation.round
    profile_ok = _profile_complete(user)
    answers_ok = _questionnaire_submitted(user, round_, ParticipantRole.MENTEE)
    run = published_run(round=round_)
    has_shortlist = bool(run and Suggestion.objects.filter(run=run, mentee=user).exists())
    requests = MentorshipRequest.objects.filter(round=round_, mentee=user).select_related("mentor")
    pending = requests.filter(status=RequestStatus.PENDING).first()
    last_closed = (
        requests.filter(status__in=[RequestStatus.DECLINED, RequestStatus.EXPIRED])
        .order_by("-created_at", "-id")
        .first()
    )
    mentorship = (
        Mentorship.objects.filter(round=round_, mentee=user, status=MentorshipStatus.ACTIVE)
        .select_related("mentor")
        .first()
    )
    shortlist_url = first_url(SHORTLIST_URLS, round_.pk)

    request_detail = ""
    if mentorship or requests.filter(status=RequestStatus.ACCEPTED).exists():
        request_detail = "Accepted"
    elif pending:
        request_detail = f"Waiting for {pending.mentor.display_name} to answer"
    elif last_closed:
        request_detail = f"{last_closed.get_status_display()}: choose another mentor"
    steps = [
        Step("profile", "Complete your research profile", profile_ok),
        Step("questionnaire", "Answer the questionnaire", answers_ok),
        Step(
            "shortlist",
            "Read your shortlist of suggested mentors",
            has_shortlist,
            "" if has_shortlist else "Published after the round's matching",
        ),
        Step(
            "request",
            "Ask the mentor you choose",
            bool(pending or mentorship),
            request_detail,
        ),
        Step(
            "match",
            "Start your mentorship",
            mentorship is not None,
            f"Matched with {mentorship.mentor.display_name}" if mentorship else "",
        ),
    ]
    if not profile_ok:
        action = NextAction(
            "Your research profile is not complete yet: mentors and the matching read it.",
            "Complete your profile",
            first_url(PROFILE_URLS),
        )
    elif not answers_ok:
        action = NextAction(
            "Tell us what you want from a mentor: answer this round's questionnaire.",
            "Answer the questionnaire",
            _questionnaire_url(round_, ParticipantRole.MENTEE),
        )
    elif not has_shortlist:
        action = NextAction(
            f"You are all set. Your shortlist of mentors arrives by e-mail after the round "
            f"closes on {round_.closes_on:%-d %B %Y}."
        )
    elif mentorship:
        action = NextAction(
            f"You are matched with {mentorship.mentor.display_name}. Get in touch to plan your "
            "first meeting.",
            "See your mentorship",
            first_url(MENTORSHIPS_URLS),
        )
    elif pending:
        action = NextAction(
            f"Your request is with {pending.mentor.display_name}. You will hear by e-mail "
            f"when they answer (by {pending.expires_at:%-d %B %Y} at the latest).",
            "See your shortlist",
            shortlist_url,
        )
    elif RoundPause.objects.filter(round=round_, mentee=user).exists():
        action = NextAction(
            "You chose not to take a mentor in this round. You can still choose one from "
            "your shortlist while the round is open.",
            "See your shortlist",
            shortlist_url,
        )
    elif last_closed:
        action = NextAction(
            f"{last_closed.mentor.display_name} could not take you on this time. "
            "Choose another mentor from your shortlist.",
            "Choose another mentor",
            shortlist_url,
        )
    else:
        action = NextAction(
            "Your shortlist is ready: read it and choose the mentor you would like.",
            "See your shortlist",
            shortlist_url,
        )
    current = next((step.key for step in steps if not step.done), None)
    return RoundStanding(round_, participation.role, steps, action, current)


def _mentor_standing(user: Any, participation: Participation) -> RoundStanding:
    round_ = participation.round
    profile_ok = _profile_complete(user)
    answers_ok = _questionnaire_submitted(user, round_, ParticipantRole.MENTOR)
    run = published_run(round=round_)
    shortlisted = bool(run and Suggestion.objects.filter(run=run, mentor=user).exists())
    pending = MentorshipRequest.objects.filter(
        round=round_, mentor=user, status=RequestStatus.PENDING
    ).count()
    mentees = Mentorship.objects.filter(
        round=round_, mentor=user, status=MentorshipStatus.ACTIVE
    ).count()
    answered = MentorshipRequest.objects.filter(round=round_, mentor=user).exclude(
        status=RequestStatus.PENDING
    )
    steps = [
        Step("profile", "Complete your research profile", profile_ok),
        Step("questionnaire", "Answer the questionnaire", answers_ok),
        Step(
            "shortlist",
            "Matching suggests you to mentees",
            run is not None,
            "On mentees' shortlists" if shortlisted else "",
        ),
        Step(
            "request",
            "Answer mentees' requests",
            run is not None and pending == 0 and (answered.exists() or mentees > 0),
            f"{pending} waiting for your answer" if pending else "",
        ),
        Step(
            "match",
            "Start your mentorships",
            mentees > 0,
            f"{mentees} of {participation.capacity} places taken" if mentees else "",
        ),
    ]
    requests_url = first_url(MENTOR_REQUESTS_URLS)
    if not profile_ok:
        action = NextAction(
            "Your research profile is not complete yet: mentees read it when they choose.",
            "Complete your profile",
            first_url(PROFILE_URLS),
        )
    elif not answers_ok:
        action = NextAction(
            "Tell us what you can offer: answer this round's questionnaire.",
            "Answer the questionnaire",
            _questionnaire_url(round_, ParticipantRole.MENTOR),
        )
    elif pending:
        action = NextAction(
            f"{pending} mentee request{'s' if pending != 1 else ''} waiting for your answer.",
            "Answer requests",
            requests_url,
        )
    elif mentees:
        action = NextAction(
            f"You mentor {mentees} mentee{'s' if mentees != 1 else ''} in this round.",
            "See your mentorships",
            first_url(MENTORSHIPS_URLS),
        )
    else:
        action = NextAction(
            "You are all set. We will e-mail you when a mentee asks you to be their mentor."
        )
    current = next((step.key for step in steps if not step.done), None)
    return RoundStanding(round_, participation.role, steps, action, current)


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
    standings = []
    for participation in current_participations(user)[:limit]:
        if participation.role == ParticipantRole.MENTOR:
            standings.append(_mentor_standing(user, participation))
        else:
            standings.append(_mentee_standing(user, participation))
    return standings


def coordinator_rounds(*, limit: int = 10) -> QuerySet[Round]:
    return Round.objects.order_by("-opens_on", "-id")[:limit]


def info_pages_published() -> QuerySet[InfoPage]:
    return InfoPage.objects.filter(published=True)


def info_pages_all() -> QuerySet[InfoPage]:
    return InfoPage.objects.all()
