"""Reading rounds: the list of rounds and who takes part in one."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from mentormatch.rounds.models import ParticipantRole, Participation, Round


def rounds_list() -> QuerySet[Round]:
    """Every round, newest first, with its participant counts."""
    active = Q(participations__withdrawn_at__isnull=True)
    return Round.objects.annotate(
        mentee_count=Count(
            "participations", filter=active & Q(participations__role=ParticipantRole.MENTEE)
        ),
        mentor_count=Count(
            "participations", filter=active & Q(participations__role=ParticipantRole.MENTOR)
        ),
    ).order_by("-opens_on", "-id")


def active_participations(*, round: Round) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(round=round, withdrawn_at__isnull=True)
        .select_related("user", "user__profile")
        .order_by("role", "user__last_name", "user__first_name", "user__username")
    )
