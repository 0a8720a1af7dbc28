"""Reading standings: every participant of a round, or one person in each of their rounds.

A bounded number of queries whatever the number of participants (seven for a round): the
participations with their people and profiles, then the round's responses, published run,
shortlists, requests, mentorships and pauses, each in one query, matched up in memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from mentormatch.matching.models import MatchRun, RunStatus, Suggestion
from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RoundPause
from mentormatch.mentorships.standing.model import Standing
from mentormatch.mentorships.standing.stages import NOT_STARTED
from mentormatch.questionnaire.models import Response
from mentormatch.rounds.models import ParticipantRole, Participation, Round

Key = tuple[int, int]  # (round id, user id)
ORDER = ("role", "user__last_name", "user__first_name", "user__username", "id")


def _participations(filters: Q) -> list[Participation]:
    return list(
        Participation.objects.filter(filters, withdrawn_at__isnull=True)
        .select_related("user", "user__profile", "round")
        .order_by(*ORDER)
    )


def round_standings(*, round: Round) -> list[Standing]:
    """Every participant taking part in ``round`` (mentees, then mentors, by name)."""
    return _standings(_participations(Q(round=round)), person=None)


def person_standings(
    *, user: Any, participations: Iterable[Participation] | None = None
) -> list[Standing]:
    """``user``'s standing in each round they take part in (or in ``participations``, theirs)."""
    chosen = list(participations) if participations is not None else _participations(Q(user=user))
    return _standings(chosen, person=user.pk)


class _Facts:
    """Everything the standings of ``participations`` need, read in one query a kind."""

    def __init__(self, participations: list[Participation], person: int | None) -> None:
        rounds = {p.round_id for p in participations}
        scope = Q(round_id__in=rounds)
        both_sides = Q() if person is None else Q(mentee_id=person) | Q(mentor_id=person)
        mine = Q() if person is None else Q(user_id=person)
        self.questionnaire: dict[tuple[int, int, str], str] = {
            (r, u, role): status
            for r, u, role, status in Response.objects.filter(scope, mine).values_list(
                "round_id", "user_id", "role", "status"
            )
        }
        published = dict(
            MatchRun.objects.filter(
                scope, is_published=True, status=RunStatus.SUCCEEDED
            ).values_list("id", "round_id")
        )
        self.published_rounds = set(published.values())
        self.on_shortlist: dict[str, set[Key]] = {"mentee": set(), "mentor": set()}
        if published:
            for run_id, mentee_id, mentor_id in (
                Suggestion.objects.filter(both_sides, run_id__in=list(published))
                .values_list("run_id", "mentee_id", "mentor_id")
                .distinct()
            ):
                self.on_shortlist["mentee"].add((published[run_id], mentee_id))
                self.on_shortlist["mentor"].add((published[run_id], mentor_id))
        self.requests = _by_side(
            MentorshipRequest.objects.filter(scope, both_sides)
            .select_related("mentee", "mentor")
            .order_by("created_at", "id")
        )
        self.mentorships = _by_side(
            Mentorship.objects.filter(scope, both_sides)
            .select_related("mentee", "mentor")
            .order_by("started_at", "id")
        )
        self.pauses = {
            (p.round_id, p.mentee_id): p
            for p in RoundPause.objects.filter(
                scope, Q() if person is None else Q(mentee_id=person)
            )
        }


def _by_side(rows: Iterable[Any]) -> dict[str, dict[Key, list[Any]]]:
    """Rows of requests or mentorships by (round, mentee) and by (round, mentor)."""
    out: dict[str, dict[Key, list[Any]]] = {
        "mentee": defaultdict(list),
        "mentor": defaultdict(list),
    }
    for row in rows:
        out["mentee"][(row.round_id, row.mentee_id)].append(row)
        out["mentor"][(row.round_id, row.mentor_id)].append(row)
    return out


def _standings(participations: list[Participation], *, person: int | None) -> list[Standing]:
    if not participations:
        return []
    facts = _Facts(participations, person)
    out = []
    for p in participations:
        key = (p.round_id, p.user_id)
        side = "mentor" if p.role == ParticipantRole.MENTOR else "mentee"
        out.append(
            Standing(
                participation=p,
                questionnaire=facts.questionnaire.get((p.round_id, p.user_id, p.role), NOT_STARTED),
                shortlisted=key in facts.on_shortlist[side],
                results_published=p.round_id in facts.published_rounds,
                requests=facts.requests[side].get(key, []),
                mentorships=facts.mentorships[side].get(key, []),
                pause=facts.pauses.get(key) if side == "mentee" else None,
            )
        )
    return out
