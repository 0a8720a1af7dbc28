"""Writes for accounts: the one user look-up every sign-in backend shares, the audited view of
confidential answers, and erasing a person's data on request.

Every backend (directory/LDAP, SAML single sign-on) turns what the institution says about a
person into a ``DirectoryPerson`` and calls ``user_sync_from_directory``, so a person is found,
linked and refreshed the same way whichever door they come in through.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.http import HttpRequest

from mentormatch.accounts.hooks import imported_person_by_id, person_synced
from mentormatch.accounts.models import AuthSource, User
from mentormatch.audit.services import audit_record

logger = logging.getLogger(__name__)

# Attributes a directory may give us, and the longest value each field holds.
_USER_FIELDS = {"first_name": 150, "last_name": 150, "email": 254}


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
        imported = imported_person_by_id(person_id)
        if imported is not None and imported.auth_source == AuthSource.IMPORT:
            return imported
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

    person_synced.send(
        sender=User, user=user, attributes=attributes, username=username, source=source
    )

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
