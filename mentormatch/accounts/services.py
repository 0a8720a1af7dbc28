"""Writes for accounts: the one user look-up every sign-in backend shares, the audited view of
confidential answers, and erasing a person's data on request.

Every backend (directory/LDAP, SAML single sign-on) turns what the institution says about a
person into a ``DirectoryPerson`` and calls ``user_sync_from_directory``, so a person is found,
linked and refreshed the same way whichever door they come in through.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from mentormatch.accounts.models import AuthSource, User
from mentormatch.audit.services import audit_record
from mentormatch.directory.models import Profile, Rank

logger = logging.getLogger(__name__)

# Attributes a directory may give us, and the longest value each field holds.
_USER_FIELDS = {"first_name": 150, "last_name": 150, "email": 254}
_PROFILE_FIELDS = {"department": 200, "rank": 64}


def _rank_from_directory(value: str) -> str:
    """The programme's rank name for a directory title ("associate professor" → "Associate
    Professor"); any other title is kept as the directory gives it."""
    for rank in Rank:
        if value.strip().lower() == rank.value.lower():
            return rank.value
    return value.strip()[:64]


_SOURCE_SETTINGS = {AuthSource.LDAP: "MENTORMATCH_LDAP", AuthSource.SSO: "MENTORMATCH_SAML"}


def _settings_groups(source: str) -> dict[str, str]:
    conf = getattr(settings, _SOURCE_SETTINGS[AuthSource(source)], None) or {}
    groups: dict[str, str] = conf.get("GROUPS", {})
    return groups


def _find_existing_user(*, username: str, email: str, person_id: str) -> User | None:
    """Same username → same person (institution usernames are unique).  Otherwise link a
    person the profile importer created (``auth_source="import"``) by their directory id or
    by e-mail, so the first sign-in does not make a second account."""
    user = User.objects.filter(username__iexact=username).first()
    if user is not None:
        return user
    if person_id:
        profile = Profile.objects.select_related("user").filter(person_id=person_id).first()
        if profile is not None and profile.user.auth_source == AuthSource.IMPORT:
            return profile.user
    if email:
        imported = list(User.objects.filter(email__iexact=email, auth_source=AuthSource.IMPORT)[:2])
        if len(imported) == 1:
            return imported[0]
    return None


def _in_group(groups: set[str], group: str) -> bool:
    return bool(group) and group.strip().lower() in groups


@transaction.atomic
def user_sync_from_directory(
    *,
    username: str,
    attributes: Mapping[str, str],
    groups: Iterable[str],
    source: str,
    request: HttpRequest | None = None,
) -> User:
    """Create or refresh the person who just signed in through ``source`` ("ldap", "sso").

    ``attributes`` uses our names (first_name, last_name, email, department, rank,
    person_id); ``groups`` are the directory's group names or DNs.  Attributes and roles are
    refreshed at each sign-in: the directory is the authority.  Membership in the configured
    coordinator / mentor / confidential groups sets those roles (a role whose group is not
    configured is left as it is, so it can be managed here instead); membership in the
    configured disabled group makes the account inactive, and leaving it active again.
    """
    if source not in (AuthSource.LDAP, AuthSource.SSO):
        raise ValueError(f"unknown sign-in source {source!r}")
    username = username.strip()
    if not username:
        raise ValueError("the directory gave no username")
    email = (attributes.get("email") or "").strip()
    person_id = (attributes.get("person_id") or "").strip()
    group_set = {g.strip().lower() for g in groups if g and g.strip()}
    role_groups = _settings_groups(source)

    user = _find_existing_user(username=username, email=email, person_id=person_id)
    created = user is None
    if user is None:
        user = User(username=username[:150], is_mentee=True)
        user.set_unusable_password()
        # Without a mentor group every faculty member may offer to mentor.
        user.is_mentor = not role_groups.get("mentor")
    linked_from_import = not created and user.auth_source == AuthSource.IMPORT
    if linked_from_import:
        # Found by directory id or e-mail, so nobody holds this username yet: take it.
        user.username = username[:150]

    user.auth_source = source
    for field, length in _USER_FIELDS.items():
        value = (attributes.get(field) or "").strip()
        if value:
            setattr(user, field, value[:length])
    if role_groups.get("coordinator"):
        user.is_coordinator = _in_group(group_set, role_groups["coordinator"])
    if role_groups.get("mentor"):
        user.is_mentor = _in_group(group_set, role_groups["mentor"])
    if role_groups.get("disabled"):
        # With a disabled group the directory decides; without one, an account switched off
        # here stays off.
        user.is_active = not _in_group(group_set, role_groups["disabled"])
    user.save()

    if role_groups.get("confidential"):
        permission = Permission.objects.get(
            content_type__app_label="accounts", codename="view_confidential_answers"
        )
        if _in_group(group_set, role_groups["confidential"]):
            user.user_permissions.add(permission)
        else:
            user.user_permissions.remove(permission)

    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        pid = person_id or username
        if Profile.objects.filter(person_id=pid).exists():
            pid = f"{source}:{username}"
        profile = Profile(user=user, person_id=pid[:128])
    for field, length in _PROFILE_FIELDS.items():
        value = (attributes.get(field) or "").strip()
        if value:
            setattr(profile, field, _rank_from_directory(value) if field == "rank" else value)
            setattr(profile, field, getattr(profile, field)[:length])
    profile.save()

    if created or linked_from_import:
        audit_record(
            actor=user,
            action="account.created" if created else "account.linked",
            obj=user,
            summary=f"Person #{user.pk} signed in for the first time ({source})",
            details={"source": source},
            request=request,
        )
    return user


def confidential_view_logged(
    *, viewer: User, subject: User, what: str, request: HttpRequest | None = None
) -> None:
    """Record that ``viewer`` saw ``subject``'s confidential answers (``what`` says which:
    e.g. "questionnaire answers, round 3" or "decline reason").  Owners looking at their own
    answers are not logged; everybody else is."""
    if viewer.pk == subject.pk:
        return
    audit_record(
        actor=viewer,
        action="confidential.view",
        obj=subject,
        summary=f"{viewer.username} viewed confidential {what} of person #{subject.pk}"[:500],
        details={"what": what, "subject_id": subject.pk},
        request=request,
    )


@transaction.atomic
def user_personal_data_erase(*, user: User, request: HttpRequest | None = None) -> None:
    """Erase what identifies ``user`` while keeping the programme's anonymous counts.

    Kept: the (now anonymous) user row with its profile's department and rank, and its
    participations, requests and mentorships, so reports still count them.  Removed: name,
    e-mail, username, password, profile text, publications, questionnaire answers, request
    messages and decline reasons, and the e-mail copies addressed to them.  The account can
    no longer sign in.
    """
    from mentormatch.mentorships.models import MentorshipRequest
    from mentormatch.notifications.models import OutboxMessage
    from mentormatch.questionnaire.models import Answer

    user_id = user.pk
    audit_record(
        actor=user,
        action="account.erase",
        obj=user,
        summary=f"Person #{user_id} erased their personal data",
        request=request,
    )
    Answer.objects.filter(response__user=user).delete()
    MentorshipRequest.objects.filter(Q(mentee=user) | Q(mentor=user)).update(
        message="", decline_reason=""
    )
    OutboxMessage.objects.filter(recipient=user).delete()
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        profile.publications.all().delete()
        profile.person_id = f"erased-{user_id}"
        profile.interests = ""
        profile.keywords = []
        profile.draft = None
        profile.track = ""
        profile.save()
    user.username = f"erased-{user_id}-{secrets.token_hex(4)}"
    user.first_name = ""
    user.last_name = "(erased)"
    user.email = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_coordinator = False
    user.is_staff = False
    user.is_superuser = False
    user.save()
    user.user_permissions.clear()
    user.groups.clear()
    logger.info("Personal data of user #%s erased on request", user_id)
