"""Where each participant of a round stands: profile, questionnaire, shortlist, request, match.

This module sits in the mentorships app, the highest domain layer, because a participant's
standing reads every layer below it.  The round page, the home page and the reports read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentormatch.directory.models import Profile
from mentormatch.matching.models import Suggestion
from mentormatch.mentorships.models import Mentorship, MentorshipRequest
from mentormatch.questionnaire.models import Response, ResponseStatus
from mentormatch.rounds.models import ParticipantRole, Participation, Round
from mentormatch.rounds.selectors import active_participations


@dataclass
class ParticipantStatus:
    participation: Participation
    profile_complete: bool
    questionnaire: str  # "submitted", "draft" or "not started"


def participant_statuses(*, round: Round) -> list[ParticipantStatus]:
    """Everyone taking part, with their profile and questionnaire state (who has answered)."""

    responses = {
        (user_id, role): status
        for user_id, role, status in Response.objects.filter(round=round).values_list(
            "user_id", "role", "status"
        )
    }
    out = []
    for p in active_participations(round=round):
        profile = getattr(p.user, "profile", None)
        out.append(
            ParticipantStatus(
                participation=p,
                profile_complete=bool(profile is not None and profile.is_complete),
                questionnaire=responses.get((p.user_id, p.role), "not started"),
            )
        )
    return out


def round_funnel(*, round: Round) -> list[tuple[str, int]]:
    """The round's mentee funnel, as (stage, number of mentees) in order.

    invited: mentees taking part; profile complete: of those, a complete research profile;
    questionnaire done: submitted their questionnaire; shortlisted: have a shortlist in the
    published results; requested: asked a mentor; confirmed: matched with a mentor.
    """

    mentee_ids = set(
        Participation.objects.filter(
            round=round, role=ParticipantRole.MENTEE, withdrawn_at__isnull=True
        ).values_list("user_id", flat=True)
    )
    profile_complete = sum(
        1 for profile in Profile.objects.filter(user_id__in=mentee_ids) if profile.is_complete
    )
    submitted = Response.objects.filter(
        round=round,
        role=ParticipantRole.MENTEE,
        status=ResponseStatus.SUBMITTED,
        user_id__in=mentee_ids,
    ).count()
    shortlisted = (
        Suggestion.objects.filter(run__round=round, run__is_published=True)
        .values("mentee_id")
        .distinct()
        .count()
    )
    requested = MentorshipRequest.objects.filter(round=round).values("mentee_id").distinct().count()
    confirmed = Mentorship.objects.filter(round=round).values("mentee_id").distinct().count()
    return [
        ("Invited", len(mentee_ids)),
        ("Profile complete", profile_complete),
        ("Questionnaire done", submitted),
        ("Shortlisted", shortlisted),
        ("Requested a mentor", requested),
        ("Confirmed", confirmed),
    ]
