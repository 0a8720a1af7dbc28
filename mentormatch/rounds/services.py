"""Writing rounds: create, edit, open and close them; invite, add and remove participants.

Every function is one transaction with an audit row; e-mail goes through the outbox after
commit.  Matching runs live one layer up, in :mod:`mentormatch.matching`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from mentormatch.audit.services import audit_record
from mentormatch.rounds.emails import send_invitation
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.models import ParticipantRole, Participation, Round, RoundStatus
from mentormatch.rounds.signals import round_created

__all__ = [
    "RoundError",
    "participant_add",
    "participant_remove",
    "participants_invite",
    "round_close",
    "round_create",
    "round_open",
    "round_update",
]

EDITABLE_FIELDS = (
    "name",
    "description",
    "opens_on",
    "closes_on",
    "departments",
    "shortlist_size",
    "min_rank_gap",
    "matching_settings",
)


def _check_dates(opens_on: dt.date, closes_on: dt.date) -> None:
    if closes_on < opens_on:
        raise RoundError(
            "The closing date must be on or after the opening date.", field="closes_on"
        )


def _clean_departments(departments: Any) -> list[str]:
    seen: list[str] = []
    for name in departments or []:
        name = " ".join(str(name).split())
        if name and name not in seen:
            seen.append(name)
    return seen


def round_create(
    *,
    actor: Any,
    name: str,
    opens_on: dt.date,
    closes_on: dt.date,
    description: str = "",
    departments: list[str] | None = None,
    shortlist_size: int | None = None,
    min_rank_gap: int = 1,
    matching_settings: dict[str, Any] | None = None,
) -> Round:
    """A new draft round; the questionnaire app installs the default questions on
    ``round_created``."""
    if not name.strip():
        raise RoundError("Give the round a name.", field="name")
    _check_dates(opens_on, closes_on)
    with transaction.atomic():
        round = Round.objects.create(
            name=name.strip(),
            description=description,
            opens_on=opens_on,
            closes_on=closes_on,
            departments=_clean_departments(departments),
            shortlist_size=shortlist_size or int(settings.MENTORMATCH["SHORTLIST_SIZE"]),
            min_rank_gap=min_rank_gap,
            matching_settings=matching_settings or {},
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        round_created.send(sender=Round, round=round)
        audit_record(
            actor=actor,
            action="round.create",
            obj=round,
            round_id=round.pk,
            summary=f"Created round {round.name}",
            details={"opens_on": str(opens_on), "closes_on": str(closes_on)},
        )
    return round


def round_update(*, round: Round, actor: Any, **changes: Any) -> Round:
    """Change the round's details (not its state); a closed round can no longer be edited."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"round_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status == RoundStatus.CLOSED:
            raise RoundError("This round is closed; its details can no longer be changed.")
        if "departments" in changes:
            changes["departments"] = _clean_departments(changes["departments"])
        if "name" in changes:
            changes["name"] = str(changes["name"]).strip()
            if not changes["name"]:
                raise RoundError("Give the round a name.", field="name")
        before = {key: getattr(round, key) for key in changes}
        for key, value in changes.items():
            setattr(round, key, value)
        _check_dates(round.opens_on, round.closes_on)
        if round.status == RoundStatus.OPEN and round.closes_on < timezone.localdate():
            raise RoundError(
                "An open round cannot close in the past; close it instead.", field="closes_on"
            )
        changed = {k: [str(before[k]), str(v)] for k, v in changes.items() if before[k] != v}
        round.save()
        if changed:
            audit_record(
                actor=actor,
                action="round.update",
                obj=round,
                round_id=round.pk,
                summary=f"Edited round {round.name}: {', '.join(sorted(changed))}",
                details={"changed": changed},
            )
    return round


def round_open(*, round: Round, actor: Any) -> Round:
    """Open a draft (or re-open a closed) round for questionnaires."""
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status == RoundStatus.OPEN:
            raise RoundError("This round is already open.")
        _check_dates(round.opens_on, round.closes_on)
        today = timezone.localdate()
        if round.closes_on < today:
            raise RoundError(
                f"This round cannot be opened: its closing date ({round.closes_on:%d %B %Y}) "
                "has passed. Change the dates first.",
                field="closes_on",
            )
        if not round.questions.exists():
            raise RoundError("This round has no questions yet; add a questionnaire first.")
        was = round.status
        round.status = RoundStatus.OPEN
        round.opened_at = timezone.now()
        round.closed_at = None
        round.save(update_fields=["status", "opened_at", "closed_at"])
        audit_record(
            actor=actor,
            action="round.open",
            obj=round,
            round_id=round.pk,
            summary=f"{'Re-opened' if was == RoundStatus.CLOSED else 'Opened'} round {round.name}",
        )
    return round


def round_close(*, round: Round, actor: Any) -> Round:
    """Close an open round: no more questionnaire answers."""
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status != RoundStatus.OPEN:
            raise RoundError("Only an open round can be closed.")
        round.status = RoundStatus.CLOSED
        round.closed_at = timezone.now()
        round.save(update_fields=["status", "closed_at"])
        audit_record(
            actor=actor,
            action="round.close",
            obj=round,
            round_id=round.pk,
            summary=f"Closed round {round.name}",
        )
    return round


# --- Participants ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InviteResult:
    mentees: int
    mentors: int

    @property
    def total(self) -> int:
        return self.mentees + self.mentors


def eligible_users(*, round: Round, role: str) -> Any:
    """Active users who may take part in ``role``; limited to the round's departments if any."""
    flag = "is_mentee" if role == ParticipantRole.MENTEE else "is_mentor"
    users = get_user_model().objects.filter(is_active=True, **{flag: True})
    if round.departments:
        users = users.filter(profile__department__in=round.departments)
    return users


def participants_invite(*, round: Round, actor: Any) -> InviteResult:
    """Add every eligible person not yet taking part, and queue their invitation e-mails.

    People who were removed from the round by hand are not added again.
    """
    added: dict[str, int] = {ParticipantRole.MENTEE: 0, ParticipantRole.MENTOR: 0}
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status == RoundStatus.CLOSED:
            raise RoundError("This round is closed; nobody can be invited any more.")
        now = timezone.now()
        for role in (ParticipantRole.MENTEE, ParticipantRole.MENTOR):
            taken = Participation.objects.filter(round=round, role=role).values("user_id")
            for user in eligible_users(round=round, role=role).exclude(pk__in=taken):
                participation = Participation.objects.create(
                    round=round, user=user, role=role, invited_at=now
                )
                send_invitation(participation=participation)
                added[role] += 1
        result = InviteResult(
            mentees=added[ParticipantRole.MENTEE], mentors=added[ParticipantRole.MENTOR]
        )
        audit_record(
            actor=actor,
            action="round.invite",
            obj=round,
            round_id=round.pk,
            summary=f"Invited {result.mentees} mentee(s) and {result.mentors} mentor(s)",
            details={"mentees": result.mentees, "mentors": result.mentors},
        )
    return result


def participant_add(
    *, round: Round, actor: Any, user: Any, role: str, capacity: int | None = None
) -> Participation:
    """Add one person by hand (also someone outside the departments), and invite them."""
    if role not in ParticipantRole.values:
        raise RoundError("Choose mentee or mentor.", field="role")
    if not user.is_active:
        raise RoundError(f"{user.display_name}'s account is inactive.", field="user")
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status == RoundStatus.CLOSED:
            raise RoundError("This round is closed; nobody can be added any more.")
        participation, created = Participation.objects.get_or_create(
            round=round, user=user, role=role, defaults={"invited_at": timezone.now()}
        )
        if not created and participation.withdrawn_at is None:
            raise RoundError(f"{user.display_name} already takes part as a {role}.", field="user")
        participation.withdrawn_at = None
        participation.invited_at = participation.invited_at or timezone.now()
        if capacity is not None:
            participation.capacity = capacity
        participation.save()
        send_invitation(participation=participation)
        audit_record(
            actor=actor,
            action="round.participant_add",
            obj=participation,
            round_id=round.pk,
            summary=f"Added {user.display_name} as {role}",
            details={"user_id": user.pk, "role": role},
        )
    return participation


def participant_remove(*, participation: Participation, actor: Any) -> Participation:
    """Withdraw a person from the round (kept on record; their answers stay)."""
    with transaction.atomic():
        participation = Participation.objects.select_for_update().get(pk=participation.pk)
        if participation.withdrawn_at is not None:
            raise RoundError(f"{participation.user.display_name} was already removed.")
        participation.withdrawn_at = timezone.now()
        participation.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor,
            action="round.participant_remove",
            obj=participation,
            round_id=participation.round_id,
            summary=f"Removed {participation.user.display_name} ({participation.role})",
            details={"user_id": participation.user_id, "role": participation.role},
        )
    return participation
