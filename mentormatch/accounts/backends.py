"""Sign-in backends: the institution's directory (LDAP / Active Directory), SAML 2.0 single
sign-on, and local passwords (demo and break-glass administrators; can be switched off).

Every backend is always listed in ``AUTHENTICATION_BACKENDS`` and answers only when its own
settings are present, so switching a door on or off is a matter of environment variables.
Both directory backends find and refresh the person through
``services.user_sync_from_directory``.
"""

from __future__ import annotations

import logging
import uuid
from enum import StrEnum
from typing import Any

import ldap
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django_auth_ldap.backend import LDAPBackend, _LDAPUser
from djangosaml2.backends import Saml2Backend

from mentormatch.accounts.models import AuthSource, User
from mentormatch.accounts.services import SignInRefused, user_sync_from_directory

logger = logging.getLogger(__name__)

# Set on the request by a backend so the sign-in page can say what went wrong.
DIRECTORY_UNAVAILABLE = "mentormatch_directory_unavailable"
ACCOUNT_DISABLED = "mentormatch_account_disabled"
# The directory answered but refused MentorMatch's own service account (a wrong
# MENTORMATCH_LDAP_BIND_PASSWORD): a configuration error, not a server that is down.
DIRECTORY_MISCONFIGURED = "mentormatch_directory_misconfigured"
# A directory or SSO sign-in whose username belongs to somebody else's account (SignInRefused).
SIGNIN_REFUSED = "mentormatch_signin_refused"


def _first(values: Any) -> str:
    if isinstance(values, list | tuple):
        values = values[0] if values else ""
    if isinstance(values, bytes):
        values = values.decode("utf-8", "replace")
    return "" if values is None else str(values)


def ldap_stable_id(raw: Any) -> str:
    """The directory's own immutable id for an entry: OpenLDAP's ``entryUUID`` or Active
    Directory's ``objectGUID`` (16 bytes), or "" when the directory gives neither."""
    lowered = {str(k).lower(): v for k, v in dict(raw or {}).items()}
    if lowered.get("entryuuid"):
        return f"uuid:{_first(lowered['entryuuid']).lower()}"
    guid = lowered.get("objectguid")
    value = guid[0] if isinstance(guid, list | tuple) and guid else guid
    if isinstance(value, bytes) and len(value) == 16:
        return f"uuid:{uuid.UUID(bytes_le=value)}"
    return ""


def _http_request(value: Any) -> HttpRequest | None:
    return value if isinstance(value, HttpRequest) else None


def mapped_attributes(raw: Any, attr_map: dict[str, str]) -> dict[str, str]:
    """Our field names → the first value of the directory attribute configured for each."""
    result: dict[str, str] = {}
    if not raw:
        return result
    lowered = {str(k).lower(): v for k, v in dict(raw).items()}
    for field, attr in attr_map.items():
        if attr and attr.lower() in lowered:
            result[field] = _first(lowered[attr.lower()])
    return result


class LocalAccountBackend(ModelBackend):
    """Passwords kept here (argon2), for the demo and break-glass administrators.

    ``MENTORMATCH_LOCAL_ACCOUNTS=false`` switches local passwords off; permissions still
    come from this backend (it is Django's model backend).
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not settings.MENTORMATCH_LOCAL_ACCOUNTS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap does the binding (DN template or service-account search, fail-over
    between URIs, StartTLS); we map attributes and groups ourselves.

    An account in the configured "disabled" group signs in with a right password but is
    returned inactive, so the sign-in form can say "disabled" rather than "wrong password".
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not getattr(settings, "MENTORMATCH_LDAP", None):
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except SignInRefused:
            if request is not None:
                setattr(request, SIGNIN_REFUSED, True)
            return None

    def get_user(self, user_id: int) -> Any:
        """django-auth-ldap's own ``get_user`` keeps a disabled account signed in; ours
        does not (Django's model backend refuses inactive accounts the same way)."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def get_or_build_user(self, username: str, ldap_user: Any) -> tuple[User, bool]:
        conf: dict[str, Any] = getattr(settings, "MENTORMATCH_LDAP", None) or {}
        attributes = mapped_attributes(ldap_user.attrs, conf["ATTRIBUTES"])
        groups = ldap_user.group_dns if getattr(settings, "AUTH_LDAP_GROUP_SEARCH", None) else []
        user = user_sync_from_directory(
            username=username,
            attributes=attributes,
            groups=groups,
            source=AuthSource.LDAP,
            external_id=attributes.get("person_id") or ldap_stable_id(ldap_user.attrs),
            request=_http_request(getattr(ldap_user, "_request", None)),
        )
        return user, False


class SamlBackend(Saml2Backend):
    """SAML 2.0 (djangosaml2 + pysaml2): the identity provider's signed assertion names the
    person; its attributes are mapped as for the directory."""

    def authenticate(
        self,
        request: HttpRequest | None,
        session_info: dict[str, Any] | None = None,
        attribute_mapping: Any = None,
        create_unknown_user: bool = True,
        assertion_info: Any = None,
        **kwargs: Any,
    ) -> User | None:
        conf = getattr(settings, "MENTORMATCH_SAML", None)
        if not conf or not session_info:
            return None
        attr_map = dict(conf["ATTRIBUTES"])
        raw = session_info.get("ava") or {}
        username = mapped_attributes(raw, {"username": attr_map.pop("username", "")}).get(
            "username", ""
        )
        if not username:
            logger.warning("SAML assertion without the username attribute; refused")
            return None
        groups_attr = attr_map.pop("groups", "")
        lowered = {str(k).lower(): v for k, v in raw.items()}
        groups = [str(g) for g in lowered.get(groups_attr.lower(), [])] if groups_attr else []
        attributes = mapped_attributes(raw, attr_map)
        try:
            user = user_sync_from_directory(
                username=username,
                attributes=attributes,
                groups=groups,
                source=AuthSource.SSO,
                external_id=attributes.get("person_id") or _persistent_name_id(session_info),
                request=request,
            )
        except SignInRefused:
            if request is not None:
                setattr(request, SIGNIN_REFUSED, True)
            return None
        if not user.is_active:
            if request is not None:
                setattr(request, ACCOUNT_DISABLED, True)
            return None
        return user


def _persistent_name_id(session_info: dict[str, Any]) -> str:
    """A persistent SAML NameID is the identity provider's stable id for the person."""
    from saml2.saml import NAMEID_FORMAT_PERSISTENT

    name_id = session_info.get("name_id")
    if name_id is not None and getattr(name_id, "format", "") == NAMEID_FORMAT_PERSISTENT:
        return f"nameid:{name_id.text}"
    return ""


def remember_directory_error(
    sender: Any, context: str, user: Any, request: Any, exception: Exception, **kwargs: Any
) -> None:
    """Receiver for django-auth-ldap's ``ldap_error``: the directory could not be reached or
    refused our service account.  The sign-in page then says so instead of "wrong password"."""
    if isinstance(exception, ldap.INVALID_CREDENTIALS):
        logger.error(
            "The directory refused MentorMatch's service account (%s): check "
            "MENTORMATCH_LDAP_BIND_DN and MENTORMATCH_LDAP_BIND_PASSWORD",
            context,
        )
        flag = DIRECTORY_MISCONFIGURED
    else:
        logger.warning("Directory error %s: %r", context, exception)
        flag = DIRECTORY_UNAVAILABLE
    if request is not None:
        setattr(request, flag, True)


class RecheckOutcome(StrEnum):
    KEPT = "kept"  # the directory still knows the person and they are active
    ENDED = "ended"  # gone from the directory, disabled, or no longer theirs
    UNCHECKED = "unchecked"  # the directory could not be asked; the session is kept


class _Probe:
    """Stands in for the request so ``remember_directory_error`` can flag a failed look-up."""


def directory_recheck(user: User) -> RecheckOutcome:
    """Read the person again from the directory with the service account, refreshing their
    roles and status exactly as a sign-in would (``user_sync_from_directory``).

    Needs a service account (``MENTORMATCH_LDAP_BIND_DN``); without one nothing is checked.
    A directory that cannot be reached keeps the session (the next check is one interval
    later), so an outage does not sign everyone out."""
    if not getattr(settings, "MENTORMATCH_LDAP", None):
        return RecheckOutcome.UNCHECKED
    if not getattr(settings, "AUTH_LDAP_BIND_DN", ""):
        # Without a service account an anonymous search finds nobody in most directories,
        # which must not read as "this person is gone" and sign everybody out.
        return RecheckOutcome.UNCHECKED
    probe = _Probe()
    ldap_user = _LDAPUser(DirectoryBackend(), username=user.username, request=probe)
    try:
        refreshed = ldap_user.populate_user()
    except SignInRefused:
        return RecheckOutcome.ENDED
    if getattr(probe, DIRECTORY_UNAVAILABLE, False) or getattr(
        probe, DIRECTORY_MISCONFIGURED, False
    ):
        return RecheckOutcome.UNCHECKED
    if refreshed is None or not refreshed.is_active or refreshed.pk != user.pk:
        return RecheckOutcome.ENDED
    return RecheckOutcome.KEPT
