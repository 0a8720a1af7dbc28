"""Where each participant stands: one read model for the home page, the round page, the
reports, the exports and the unmatched list.

It sits in the mentorships app, the highest domain layer, because a participant's standing
reads every layer below it (profiles, questionnaires, published shortlists, requests and
mentorships).  ``loading`` reads standings in a bounded number of queries, ``model`` derives
each participant's stage from the facts, ``phrases`` words it, and ``funnel`` counts them.
"""

from mentormatch.mentorships.standing.funnel import (
    FunnelStep,
    mentee_funnel,
    mentor_funnel,
    round_funnel,
)
from mentormatch.mentorships.standing.loading import person_standings, round_standings
from mentormatch.mentorships.standing.model import Standing
from mentormatch.mentorships.standing.stages import DRAFT, NOT_STARTED, SUBMITTED, Stage

__all__ = [
    "DRAFT",
    "NOT_STARTED",
    "SUBMITTED",
    "FunnelStep",
    "Stage",
    "Standing",
    "mentee_funnel",
    "mentor_funnel",
    "person_standings",
    "round_funnel",
    "round_standings",
]
