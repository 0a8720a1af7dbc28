"""The stages a participant goes through in a round, and the questionnaire's states."""

from __future__ import annotations

from django.db import models

from mentormatch.mentorships.models import RequestStatus

NOT_STARTED = "not started"
DRAFT = "draft"
SUBMITTED = "submitted"


class Stage(models.TextChoices):
    """How far a participant has gone, earliest first (the later stages exclude each other)."""

    INVITED = "invited", "Invited"
    PROFILE_COMPLETE = "profile_complete", "Profile complete"
    QUESTIONNAIRE_DRAFT = "questionnaire_draft", "Questionnaire draft"
    QUESTIONNAIRE_SUBMITTED = "questionnaire_submitted", "Questionnaire submitted"
    SHORTLISTED = "shortlisted", "Shortlisted"
    PAUSED = "paused", "Paused"
    WAITING = "waiting", "Request waiting"
    DECLINED = "declined", "Request declined"
    EXPIRED = "expired", "Request expired"
    WITHDRAWN = "withdrawn", "Request withdrawn"
    MATCHED = "matched", "Matched"
    ENDED = "ended", "Mentorship ended"


# A mentee's latest request, when it is the newest thing that happened to them.
REQUEST_STAGE = {
    RequestStatus.PENDING: Stage.WAITING,
    RequestStatus.DECLINED: Stage.DECLINED,
    RequestStatus.EXPIRED: Stage.EXPIRED,
    RequestStatus.WITHDRAWN: Stage.WITHDRAWN,
}
