"""Reads for accounts: everything stored about a person, for "Download my data"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentormatch.accounts.models import User

# Never exported, even to the owner.
_SECRET_FIELDS = {"password"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    """Every concrete field of ``obj``; foreign keys as their ids."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SECRET_FIELDS:
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
    return data


def _rows(objs: Iterable[models.Model]) -> list[dict[str, Any]]:
    return [_row(obj) for obj in objs]


def user_data_export(*, user: User) -> dict[str, Any]:
    """A JSON-ready dict of everything MentorMatch stores about ``user``."""
    from mentormatch.audit.models import AuditEvent
    from mentormatch.directory.models import Profile, Publication
    from mentormatch.mentorships.models import Mentorship, MentorshipRequest
    from mentormatch.notifications.models import OutboxMessage
    from mentormatch.questionnaire.models import Answer, Response
    from mentormatch.rounds.models import Participation, Suggestion

    profile = Profile.objects.filter(user=user).first()
    answers = Answer.objects.filter(response__user=user).select_related("question")
    return {
        "exported_at": timezone.now().isoformat(),
        "user": _row(user),
        "roles": {
            "mentee": user.is_mentee,
            "mentor": user.is_mentor,
            "coordinator": user.is_coordinator,
        },
        "profile": _row(profile) if profile else None,
        "publications": _rows(Publication.objects.filter(profile__user=user)),
        "questionnaire_responses": _rows(Response.objects.filter(user=user)),
        "questionnaire_answers": [
            {**_row(a), "question_key": a.question.key, "question_text": a.question.text}
            for a in answers
        ],
        "participations": _rows(Participation.objects.filter(user=user)),
        # A mentor's view of other people's shortlists is not data about the mentor.
        "your_shortlists": _rows(Suggestion.objects.filter(mentee=user)),
        "requests_you_sent": [
            # The mentor's decline reason is the mentor's confidential answer.
            {k: v for k, v in _row(r).items() if k != "decline_reason"}
            for r in MentorshipRequest.objects.filter(mentee=user)
        ],
        "requests_you_received": _rows(MentorshipRequest.objects.filter(mentor=user)),
        "mentorships": _rows(Mentorship.objects.filter(Q(mentee=user) | Q(mentor=user))),
        "emails_to_you": _rows(OutboxMessage.objects.filter(recipient=user)),
        "your_actions_in_the_audit_log": _rows(AuditEvent.objects.filter(actor=user)),
    }
