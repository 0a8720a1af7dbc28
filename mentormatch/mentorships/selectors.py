"""Reads for requests and mentorships: shortlists, mentors' room, the unmatched list, exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from mentormatch.accounts.models import User
from mentormatch.matching.models import Suggestion
from mentormatch.matching.selectors import SuggestionView, published_shortlist
from mentormatch.mentorships.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    RequestStatus,
    RoundPause,
)
from mentormatch.mentorships.standing import Standing, round_standings
from mentormatch.rounds.models import ParticipantRole, Participation, Round


def published_suggestions(*, round: Round, mentee: Any) -> list[SuggestionView]:
    """The mentee's shortlist in the round's published results, best first, one per mentor,
    as the mentee may see it.

    Reads through the matching app's ``published_shortlist`` so both apps agree on what is
    published and on what a mentee may see of it.
    """
    seen: set[int] = set()
    out = []
    for view in published_shortlist(round=round, mentee=mentee):
        if view.mentor_id not in seen:
            seen.add(view.mentor_id)
            out.append(view)
    return out


def published_suggestion_for(*, round: Round, mentee: Any, mentor: Any) -> Suggestion | None:
    return next(
        (
            v.suggestion
            for v in published_suggestions(round=round, mentee=mentee)
            if v.mentor_id == mentor.pk
        ),
        None,
    )


def mentor_participation(*, round: Round, mentor: Any) -> Participation | None:
    return Participation.objects.filter(
        round=round, user=mentor, role=ParticipantRole.MENTOR, withdrawn_at__isnull=True
    ).first()


def mentor_load(*, round: Round, mentor: Any) -> int:
    """Places taken: active mentorships plus pending requests (a pending request reserves one)."""
    active = Mentorship.objects.filter(
        round=round, mentor=mentor, status=MentorshipStatus.ACTIVE
    ).count()
    pending = MentorshipRequest.objects.filter(
        round=round, mentor=mentor, status=RequestStatus.PENDING
    ).count()
    return active + pending


def profile_url(user: Any) -> str:
    """The directory page of a person's research profile ("" when they have none)."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return ""
    return reverse("directory:detail", kwargs={"person_id": profile.person_id})


def score_phrase(percent: int) -> str:
    """Plain words for a score out of 100 (see ``Suggestion.percent``)."""
    if percent >= 75:
        return "a strong match"
    if percent >= 50:
        return "a good match"
    if percent >= 25:
        return "a fair match"
    return "a weak match"


@dataclass(frozen=True)
class ShortlistEntry:
    """One mentor on the mentee's shortlist page: the suggestion as the mentee may see it
    (``view``), the mentor's profile and whether they have room."""

    view: SuggestionView
    mentor: User
    profile: Any
    profile_url: str
    has_room: bool
    request: MentorshipRequest | None = None  # the mentee's latest request to this mentor

    @property
    def suggestion(self) -> Suggestion:
        return self.view.suggestion

    @property
    def shared_topics(self) -> tuple[str, ...]:
        return self.view.shared_topics

    @property
    def preferences_met(self) -> tuple[str, ...]:
        return self.view.preferences_met

    @property
    def score_phrase(self) -> str:
        return score_phrase(self.view.percent)

    @property
    def declined(self) -> bool:
        return self.request is not None and self.request.status == RequestStatus.DECLINED


def shortlist_entries(*, round: Round, mentee: Any) -> list[ShortlistEntry]:
    entries = []
    latest: dict[int, MentorshipRequest] = {}
    for req in MentorshipRequest.objects.filter(round=round, mentee=mentee).order_by("created_at"):
        latest[req.mentor_id] = req
    for view in published_suggestions(round=round, mentee=mentee):
        mentor = view.mentor
        participation = mentor_participation(round=round, mentor=mentor)
        has_room = participation is not None and (
            mentor_load(round=round, mentor=mentor) < participation.capacity
        )
        entries.append(
            ShortlistEntry(
                view=view,
                mentor=mentor,
                profile=getattr(mentor, "profile", None),
                profile_url=profile_url(mentor),
                has_room=has_room,
                request=latest.get(mentor.pk),
            )
        )
    return entries


def pending_request(*, round: Round, mentee: Any) -> MentorshipRequest | None:
    return (
        MentorshipRequest.objects.filter(round=round, mentee=mentee, status=RequestStatus.PENDING)
        .select_related("mentor")
        .first()
    )


def active_mentorship(*, round: Round, mentee: Any) -> Mentorship | None:
    return (
        Mentorship.objects.filter(round=round, mentee=mentee, status=MentorshipStatus.ACTIVE)
        .select_related("mentor")
        .first()
    )


def pause_for(*, round: Round, mentee: Any) -> RoundPause | None:
    return RoundPause.objects.filter(round=round, mentee=mentee).first()


@dataclass
class MentorPlaces:
    round: Round
    capacity: int
    taken: int


def places_of_mentor(*, mentor: Any) -> list[MentorPlaces]:
    """The mentor's places in each round they mentor in (taken: mentorships + waiting requests)."""
    return [
        MentorPlaces(p.round, p.capacity, mentor_load(round=p.round, mentor=mentor))
        for p in Participation.objects.filter(
            user=mentor, role=ParticipantRole.MENTOR, withdrawn_at__isnull=True
        )
        .select_related("round")
        .order_by("-round__opens_on", "-round_id")
    ]


def requests_for_mentor(*, mentor: Any) -> QuerySet[MentorshipRequest]:
    return MentorshipRequest.objects.filter(mentor=mentor).select_related(
        "mentee", "mentee__profile", "round"
    )


def requests_for_mentee(*, mentee: Any) -> QuerySet[MentorshipRequest]:
    return MentorshipRequest.objects.filter(mentee=mentee).select_related("mentor", "round")


def mentorships_for_user(*, user: Any) -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.filter(Q(mentee=user) | Q(mentor=user))
        .select_related("mentee", "mentor", "round")
        .order_by("-started_at", "-id")
    )


def rounds_with_shortlist(*, mentee: Any) -> QuerySet[Round]:
    return Round.objects.filter(
        runs__is_published=True, runs__suggestions__mentee=mentee
    ).distinct()


# --- Coordinators ---------------------------------------------------------------------------


def round_requests(*, round: Round) -> QuerySet[MentorshipRequest]:
    return MentorshipRequest.objects.filter(round=round).select_related("mentee", "mentor")


def round_mentorships(*, round: Round) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(round=round).select_related(
        "mentee", "mentor", "mentee__profile", "mentor__profile", "created_by"
    )


def unmatched_mentees(*, round: Round) -> list[Standing]:
    """Mentees taking part in the round without an active mentorship, by name; each
    standing's ``where`` says where they stand (the same words as the dashboard's list)."""
    mentees = [
        s
        for s in round_standings(round=round)
        if s.role == ParticipantRole.MENTEE and not s.matched
    ]
    return sorted(mentees, key=lambda s: (s.user.last_name, s.user.first_name, s.user.username))


@dataclass
class MentorRoom:
    participation: Participation
    load: int

    @property
    def room(self) -> int:
        return max(0, self.participation.capacity - self.load)


def mentors_with_room(*, round: Round) -> list[MentorRoom]:
    participations = (
        Participation.objects.filter(
            round=round, role=ParticipantRole.MENTOR, withdrawn_at__isnull=True
        )
        .select_related("user")
        .annotate(
            active=Count(
                "user__mentorships_as_mentor",
                filter=Q(
                    user__mentorships_as_mentor__round=round,
                    user__mentorships_as_mentor__status=MentorshipStatus.ACTIVE,
                ),
                distinct=True,
            ),
            pending=Count(
                "user__requests_received",
                filter=Q(
                    user__requests_received__round=round,
                    user__requests_received__status=RequestStatus.PENDING,
                ),
                distinct=True,
            ),
        )
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    return [MentorRoom(p, p.active + p.pending) for p in participations]


def mentees_in_round(*, round: Round) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(
            round=round, role=ParticipantRole.MENTEE, withdrawn_at__isnull=True
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
