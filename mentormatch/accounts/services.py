"""Writes for accounts: the one user look-up every sign-in backend shares, the audited view of
confidential answers, and erasing a person's data on request.

Every backend (directory/LDAP, SAML single sign-on) turns what the institution says about a
person into attributes and groups and calls ``user_sync_from_directory``, so a person is found,
linked and refreshed the same way whichever door they come in through.  An account is found by
the directory's stable id (``User.external_id``), never by the username alone: a directory
person whose username equals a local or administrator account's is refused, not let in.
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


class SignInRefused(Exception):
    """The directory vouched for a person, but the account with that username is not theirs:
    a local or administrator account, or one another directory person holds.  Nothing was
    changed; the refusal is in the audit log."""

    def __init__(self, message: str, *, username: str, source: str) -> None:
        super().__init__(message)
        self.username = username
        self.source = source


def directory_key(*, source: str, external_id: str = "", person_id: str = "", username: str) -> str:
    """The value kept in ``User.external_id`` for this directory person: the source, then the
    directory's stable id (``external_id``, e.g. LDAP ``entryUUID`` or a persistent SAML
    NameID; else the configured person-id attribute; else the source's username)."""
    stable = external_id.strip() or person_id.strip() or f"user:{username.strip().lower()}"
    return f"{source}:{stable}"[:255]


def _refuse(
    *, user: User | None, username: str, source: str, reason: str, request: HttpRequest | None
) -> SignInRefused:
    audit_record(
        actor=None,
        action="account.signin_refused",
        obj=user,
        summary=f"Sign-in through {source} as {username[:100]} refused: {reason}",
        details={"source": source, "username": username[:150], "reason": reason},
        request=request,
    )
    logger.warning("Sign-in through %s as %r refused: %s", source, username, reason)
    return SignInRefused(
        f"The account {username!r} was not created by this sign-in service ({reason}).",
        username=username,
        source=source,
    )


def _by_username(username: str, source: str) -> tuple[User | None, str]:
    """The account holding ``username``, if a directory sign-in may take it: one the importer
    made, or one this source made before accounts kept a directory id.  Otherwise the reason
    why not."""
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        return None, ""
    if user.auth_source == AuthSource.IMPORT and not user.external_id:
        return user, ""
    if user.auth_source == source and not user.external_id:
        return user, ""
    if user.external_id:
        return None, "the username belongs to another directory person"
    return None, "the username belongs to a local account"


def _imported_person(*, person_id: str, email: str) -> User | None:
    """A person the profile importer created (``auth_source="import"``), found by their
    directory id or by e-mail, so the first sign-in does not make a second account."""
    if person_id:
        imported = imported_person_by_id(person_id)
        if imported is not None and imported.auth_source == AuthSource.IMPORT:
            return imported
    if email:
        imported = list(User.objects.filter(email__iexact=email, auth_source=AuthSource.IMPORT)[:2])
        if len(imported) == 1 and not imported[0].external_id:
            return imported[0]
    return None


def _find_existing_user(
    *, key: str, username: str, email: str, person_id: str, source: str
) -> tuple[User | None, str]:
    """The account this directory person owns, and why a clash was refused (or "").

    Only ``key`` (the stable directory id) finds an account the person signed in to before;
    the username alone never does, except for accounts the importer or this same source
    made.  Staff and superuser accounts are never reached through a directory."""
    user = User.objects.filter(external_id=key).first()
    reason = ""
    if user is None:
        user, reason = _by_username(username, source)
    if user is None and not reason:
        user = _imported_person(person_id=person_id, email=email)
    if user is not None and (user.is_staff or user.is_superuser):
        return None, "an administrator account is never reached through a directory"
    return user, reason


def _in_group(groups: set[str], group: str) -> bool:
    return bool(group) and group.strip().lower() in groups


def _apply_directory(
    user: User, *, attributes: Mapping[str, str], group_set: set[str], role_groups: dict[str, str]
) -> None:
    """Copy names, e-mail and roles from the directory: it is the authority.  A role whose
    group is not configured is left as it is, so it can be managed here instead."""
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


def _apply_confidential(user: User, *, group_set: set[str], group: str) -> None:
    if not group:
        return
    permission = Permission.objects.get(
        content_type__app_label="accounts", codename="view_confidential_answers"
    )
    if _in_group(group_set, group):
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)


def _take_username(user: User, username: str) -> None:
    """Follow a rename in the directory, unless another account holds the new name."""
    if user.username == username[:150]:
        return
    if not User.objects.filter(username__iexact=username).exclude(pk=user.pk).exists():
        user.username = username[:150]


def user_sync_from_directory(
    *,
    username: str,
    attributes: Mapping[str, str],
    groups: Iterable[str],
    source: str,
    external_id: str = "",
    request: HttpRequest | None = None,
) -> User:
    """Create or refresh the person who just signed in through ``source`` ("ldap", "sso").

    ``attributes`` uses our names (first_name, last_name, email, department, rank,
    person_id); ``groups`` are the directory's group names or DNs; ``external_id`` is the
    directory's own stable id for the person when it has one (see ``directory_key``).
    Attributes and roles are refreshed at each sign-in.  Membership in the configured
    coordinator / mentor / confidential groups sets those roles; membership in the configured
    disabled group makes the account inactive, and leaving it active again.

    Raises ``SignInRefused`` (audited, nothing changed) when the only account with this
    username is not this person's: see ``_find_existing_user``.
    """
    if source not in (AuthSource.LDAP, AuthSource.SSO):
        raise ValueError(f"unknown sign-in source {source!r}")
    username = username.strip()
    if not username:
        raise ValueError("the directory gave no username")
    email = (attributes.get("email") or "").strip()
    person_id = (attributes.get("person_id") or "").strip()
    key = directory_key(
        source=source, external_id=external_id, person_id=person_id, username=username
    )
    user, refusal = _find_existing_user(
        key=key, username=username, email=email, person_id=person_id, source=source
    )
    if refusal:
        clash = User.objects.filter(username__iexact=username).first()
        raise _refuse(user=clash, username=username, source=source, reason=refusal, request=request)
    with transaction.atomic():
        return _save_synced(
            user,
            key=key,
            username=username,
            attributes=attributes,
            groups=groups,
            source=source,
            request=request,
        )


def _save_synced(
    user: User | None,
    *,
    key: str,
    username: str,
    attributes: Mapping[str, str],
    groups: Iterable[str],
    source: str,
    request: HttpRequest | None,
) -> User:
    group_set = {g.strip().lower() for g in groups if g and g.strip()}
    role_groups = _settings_groups(source)
    created = user is None
    if user is None:
        user = User(username=username[:150], is_mentee=True)
        user.set_unusable_password()
        # Without a mentor group every faculty member may offer to mentor.
        user.is_mentor = not role_groups.get("mentor")
    linked = not created and user.external_id != key
    _take_username(user, username)
    user.auth_source = source
    user.external_id = key
    _apply_directory(user, attributes=attributes, group_set=group_set, role_groups=role_groups)
    user.save()
    _apply_confidential(user, group_set=group_set, group=role_groups.get("confidential", ""))

    person_synced.send(
        sender=User, user=user, attributes=attributes, username=username, source=source
    )
    if created or linked:
        audit_record(
            actor=user,
            action="account.created" if created else "account.linked",
            obj=user,
            summary=(
                f"Person #{user.pk} signed in for the first time ({source})"
                if created
                else f"Person #{user.pk} linked to the directory id {key}"
            )[:500],
            details={"source": source, "external_id": key},
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
