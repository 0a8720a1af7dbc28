"""Sign-in backends: the institution's directory (LDAP / Active Directory), SAML 2.0 single
sign-on, and local passwords (demo and break-glass administrators; can be switched off).

Every backend is always listed in ``AUTHENTICATION_BACKENDS`` and answers only when its own
settings are present, so switching a door on or off is a matter of environment variables.
Both directory backends find and refresh the person through
``services.user_sync_from_directory``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django_auth_ldap.backend import LDAPBackend
from djangosaml2.backends import Saml2Backend

from mentormatch.accounts.models import AuthSource, User
from mentormatch.accounts.services import user_sync_from_directory

logger = logging.getLogger(__name__)

# Set on the request by a backend so the sign-in page can say what went wrong.
DIRECTORY_UNAVAILABLE = "mentormatch_directory_unavailable"
ACCOUNT_DISABLED = "mentormatch_account_disabled"


def _first(values: Any) -> str:
    if isinstance(values, list | tuple):
        values = values[0] if values else ""
    if isinstance(values, bytes):
        values = values.decode("utf-8", "replace")
    return "" if values is None else str(values)


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
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_or_build_user(self, username: str, ldap_user: Any) -> tuple[User, bool]:
        conf: dict[str, Any] = getattr(settings, "MENTORMATCH_LDAP", None) or {}
        attributes = mapped_attributes(ldap_user.attrs, conf["ATTRIBUTES"])
        groups = ldap_user.group_dns if getattr(settings, "AUTH_LDAP_GROUP_SEARCH", None) else []
        user = user_sync_from_directory(
            username=username,
            attributes=attributes,
            groups=groups,
            source=AuthSource.LDAP,
            request=getattr(ldap_user, "_request", None),
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
        user = user_sync_from_directory(
            username=username,
            attributes=mapped_attributes(raw, attr_map),
            groups=groups,
            source=AuthSource.SSO,
            request=request,
        )
        if not user.is_active:
            if request is not None:
                setattr(request, ACCOUNT_DISABLED, True)
            return None
        return user


def remember_directory_error(
    sender: Any, context: str, user: Any, request: Any, exception: Exception, **kwargs: Any
) -> None:
    """Receiver for django-auth-ldap's ``ldap_error``: the directory could not be reached or
    refused our service account.  The sign-in page then says so instead of "wrong password"."""
    logger.warning("Directory error %s: %r", context, exception)
    if request is not None:
        setattr(request, DIRECTORY_UNAVAILABLE, True)
