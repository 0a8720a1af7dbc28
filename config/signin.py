"""Sign-in settings read from the environment: the institution's directory (LDAP or Active
Directory) and SAML 2.0 single sign-on.

Imported by ``config/settings.py``; safe there because nothing here touches Django models.
Each function returns a dict of Django settings.  The README section "Connecting your
institution's directory" lists every variable.
"""

from __future__ import annotations

from typing import Any

from config.env import ConfigurationError, env_bool, env_int, env_list, env_str

# What each canonical attribute is called in the directory by default (OpenLDAP inetOrgPerson
# and Active Directory both use these names).
_LDAP_ATTR_DEFAULTS = {
    "first_name": "givenName",
    "last_name": "sn",
    "email": "mail",
    "department": "departmentNumber",
    "rank": "title",
    "person_id": "",
}
_SAML_ATTR_DEFAULTS = {
    "username": "uid",
    "first_name": "givenName",
    "last_name": "sn",
    "email": "mail",
    "department": "ou",
    "rank": "title",
    "groups": "isMemberOf",
    "person_id": "",
}


def _attr_map(prefix: str, defaults: dict[str, str]) -> dict[str, str]:
    """``{canonical name: directory attribute}``; an empty value leaves the field alone."""
    return {key: env_str(f"{prefix}{key.upper()}", default) for key, default in defaults.items()}


def role_groups(prefix: str) -> dict[str, str]:
    """Group names (or DNs) that give a role: coordinator, mentor, confidential, disabled."""
    return {
        role: env_str(f"{prefix}{role.upper()}_GROUP")
        for role in ("coordinator", "mentor", "confidential", "disabled")
    }


def trusted_proxies() -> dict[str, Any]:
    """``MENTORMATCH_TRUSTED_PROXY_COUNT`` and ``MENTORMATCH_TRUSTED_PROXY_NETWORKS`` (see
    ``mentormatch/accounts/client_address.py``); a bad network stops the server at start."""
    import ipaddress

    networks = env_list("MENTORMATCH_TRUSTED_PROXY_NETWORKS")
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ConfigurationError(
                f"MENTORMATCH_TRUSTED_PROXY_NETWORKS: {network!r} is not a network "
                "(e.g. 10.0.0.0/8 or 192.0.2.7)"
            ) from None
    count = env_int("MENTORMATCH_TRUSTED_PROXY_COUNT", 0, minimum=0)
    if count and networks:
        raise ConfigurationError(
            "Set MENTORMATCH_TRUSTED_PROXY_COUNT or MENTORMATCH_TRUSTED_PROXY_NETWORKS, not both."
        )
    return {"COUNT": count, "NETWORKS": networks}


def ldap_settings() -> dict[str, Any]:
    """django-auth-ldap settings (``AUTH_LDAP_*``) and ours (``MENTORMATCH_LDAP``).

    Empty when ``MENTORMATCH_LDAP_URIS`` is unset: directory sign-in is then off.
    """
    uris = env_list("MENTORMATCH_LDAP_URIS")
    if not uris:
        return {"MENTORMATCH_LDAP": None}

    import ldap
    from django_auth_ldap.config import (
        ActiveDirectoryGroupType,
        GroupOfNamesType,
        GroupOfUniqueNamesType,
        LDAPSearch,
        NestedActiveDirectoryGroupType,
        PosixGroupType,
    )

    group_types = {
        "groupOfNames": GroupOfNamesType,
        "groupOfUniqueNames": GroupOfUniqueNamesType,
        "posixGroup": PosixGroupType,
        "activeDirectory": ActiveDirectoryGroupType,
        "nestedActiveDirectory": NestedActiveDirectoryGroupType,
    }
    group_type_name = env_str("MENTORMATCH_LDAP_GROUP_TYPE", "groupOfNames")
    if group_type_name not in group_types:
        raise ConfigurationError(
            f"MENTORMATCH_LDAP_GROUP_TYPE must be one of {sorted(group_types)}, "
            f"not {group_type_name!r}"
        )
    timeout = env_int("MENTORMATCH_LDAP_TIMEOUT", 5, minimum=1)
    options: dict[int, Any] = {
        ldap.OPT_REFERRALS: 0,  # Active Directory: do not chase referrals
        ldap.OPT_NETWORK_TIMEOUT: timeout,
        ldap.OPT_TIMEOUT: timeout,
    }
    ca_file = env_str("MENTORMATCH_LDAP_CA_FILE")
    if ca_file:
        options[ldap.OPT_X_TLS_CACERTFILE] = ca_file
        options[ldap.OPT_X_TLS_REQUIRE_CERT] = ldap.OPT_X_TLS_DEMAND
        options[ldap.OPT_X_TLS_NEWCTX] = 0  # must come last: applies the TLS options

    attr_map = _attr_map("MENTORMATCH_LDAP_ATTR_", _LDAP_ATTR_DEFAULTS)
    result: dict[str, Any] = {
        # libldap tries each URI in turn: the first server that answers is used.
        "AUTH_LDAP_SERVER_URI": " ".join(uris),
        "AUTH_LDAP_START_TLS": env_bool("MENTORMATCH_LDAP_START_TLS", False),
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        # Our backend maps attributes and groups itself (services.user_sync_from_directory).
        "AUTH_LDAP_USER_ATTR_MAP": {},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_USER_ATTRLIST": ["*", "+"],
    }
    template = env_str("MENTORMATCH_LDAP_BIND_DN_TEMPLATE")
    search_base = env_str("MENTORMATCH_LDAP_USER_SEARCH_BASE")
    # The service account searches for people (search mode) and re-reads signed-in people
    # every MENTORMATCH_DIRECTORY_RECHECK_MINUTES (both modes).
    result["AUTH_LDAP_BIND_DN"] = env_str("MENTORMATCH_LDAP_BIND_DN")
    result["AUTH_LDAP_BIND_PASSWORD"] = env_str("MENTORMATCH_LDAP_BIND_PASSWORD")
    if template:
        result["AUTH_LDAP_USER_DN_TEMPLATE"] = template
        # Read attributes and groups as the person signing in (no service account needed).
        result["AUTH_LDAP_BIND_AS_AUTHENTICATING_USER"] = True
    elif search_base:
        result["AUTH_LDAP_USER_SEARCH"] = LDAPSearch(
            search_base,
            ldap.SCOPE_SUBTREE,
            env_str("MENTORMATCH_LDAP_USER_FILTER", "(uid=%(user)s)"),
        )
    else:
        raise ConfigurationError(
            "MENTORMATCH_LDAP_URIS is set: set MENTORMATCH_LDAP_BIND_DN_TEMPLATE, or "
            "MENTORMATCH_LDAP_USER_SEARCH_BASE (with MENTORMATCH_LDAP_BIND_DN and "
            "MENTORMATCH_LDAP_BIND_PASSWORD for a service account)."
        )
    group_base = env_str("MENTORMATCH_LDAP_GROUP_SEARCH_BASE")
    if group_base:
        group_type = group_types[group_type_name]
        object_class = {
            "groupOfNames": "groupOfNames",
            "groupOfUniqueNames": "groupOfUniqueNames",
            "posixGroup": "posixGroup",
        }.get(group_type_name, "group")
        result["AUTH_LDAP_GROUP_SEARCH"] = LDAPSearch(
            group_base, ldap.SCOPE_SUBTREE, f"(objectClass={object_class})"
        )
        result["AUTH_LDAP_GROUP_TYPE"] = group_type()
    result["MENTORMATCH_LDAP"] = {
        "ATTRIBUTES": attr_map,
        "GROUPS": role_groups("MENTORMATCH_LDAP_"),
    }
    return result


def saml_settings(site_url: str) -> dict[str, Any]:
    """djangosaml2 settings (``SAML_CONFIG`` …) and ours (``MENTORMATCH_SAML``).

    Empty when ``MENTORMATCH_SAML_IDP_METADATA`` is unset: single sign-on is then off.
    """
    metadata = env_str("MENTORMATCH_SAML_IDP_METADATA")
    if not metadata:
        return {"MENTORMATCH_SAML": None}
    key_file = env_str("MENTORMATCH_SAML_KEY_FILE")
    cert_file = env_str("MENTORMATCH_SAML_CERT_FILE")
    if not (key_file and cert_file):
        raise ConfigurationError(
            "MENTORMATCH_SAML_IDP_METADATA is set: also set MENTORMATCH_SAML_KEY_FILE and "
            "MENTORMATCH_SAML_CERT_FILE (the site's SAML key pair; see the README)."
        )
    metadata_source: dict[str, Any] = (
        {"remote": [{"url": metadata}]}
        if metadata.startswith(("https://", "http://"))
        else {"local": [metadata]}
    )
    return {
        "MENTORMATCH_SAML": {
            "ATTRIBUTES": _attr_map("MENTORMATCH_SAML_ATTR_", _SAML_ATTR_DEFAULTS),
            "GROUPS": role_groups("MENTORMATCH_SAML_"),
            "BUTTON_LABEL": env_str(
                "MENTORMATCH_SAML_BUTTON_LABEL", "Sign in with your institution's account"
            ),
        },
        "SAML_CONFIG": sp_config(
            site_url=site_url,
            entity_id=env_str("MENTORMATCH_SAML_SP_ENTITY_ID", f"{site_url}/saml2/metadata/"),
            metadata=metadata_source,
            key_file=key_file,
            cert_file=cert_file,
        ),
    }


def sp_config(
    *, site_url: str, entity_id: str, metadata: dict[str, Any], key_file: str, cert_file: str
) -> dict[str, Any]:
    """The pysaml2 service-provider configuration MentorMatch uses (tests build one too)."""
    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT

    return {
        "entityid": entity_id,
        "xmlsec_binary": env_str("MENTORMATCH_XMLSEC_BINARY", "/usr/bin/xmlsec1"),
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "MentorMatch",
                "name_id_format": [NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT],
                "endpoints": {
                    "assertion_consumer_service": [
                        (f"{site_url}/saml2/acs/", BINDING_HTTP_POST),
                    ],
                    "single_logout_service": [
                        (f"{site_url}/saml2/ls/", BINDING_HTTP_REDIRECT),
                        (f"{site_url}/saml2/ls/post/", BINDING_HTTP_POST),
                    ],
                },
                "authn_requests_signed": True,
                "want_response_signed": False,
                "want_assertions_signed": True,
                "allow_unsolicited": False,
            },
        },
        "metadata": metadata,
        "key_file": key_file,
        "cert_file": cert_file,
        "encryption_keypairs": [{"key_file": key_file, "cert_file": cert_file}],
    }
