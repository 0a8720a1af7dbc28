from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from config import signin as signin_config
from mentormatch.accounts.tests import ldap_server


def _missing(what: str) -> None:
    """Locally a missing server skips; in CI (``CI`` set) it fails, so CI never skips."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is needed in CI (scripts/system-packages.txt installs it)")
    pytest.skip(f"{what} is not installed (run `make install`)")


@pytest.fixture(scope="session")
def slapd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ldap_server.LdapServer]:
    if not ldap_server.slapd_available():
        _missing("OpenLDAP slapd")
    server = ldap_server.start_slapd(tmp_path_factory.mktemp("slapd"))
    yield server
    server.stop()


DN_TEMPLATE_ENV = {
    "MENTORMATCH_LDAP_BIND_DN_TEMPLATE": f"uid=%(user)s,ou=people,{ldap_server.BASE_DN}",
    "MENTORMATCH_LDAP_GROUP_SEARCH_BASE": f"ou=groups,{ldap_server.BASE_DN}",
    "MENTORMATCH_LDAP_ATTR_PERSON_ID": "employeeNumber",
    "MENTORMATCH_LDAP_COORDINATOR_GROUP": f"cn=coordinators,ou=groups,{ldap_server.BASE_DN}",
    "MENTORMATCH_LDAP_MENTOR_GROUP": f"cn=mentors,ou=groups,{ldap_server.BASE_DN}",
    "MENTORMATCH_LDAP_CONFIDENTIAL_GROUP": f"cn=confidential,ou=groups,{ldap_server.BASE_DN}",
    "MENTORMATCH_LDAP_DISABLED_GROUP": f"cn=disabled,ou=groups,{ldap_server.BASE_DN}",
}


@pytest.fixture
def configure_ldap(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> Callable[[dict[str, str]], None]:
    """Apply directory settings exactly as the environment variables would give them."""

    def apply(env: dict[str, str]) -> None:
        for name in list(os.environ):
            if name.startswith("MENTORMATCH_LDAP_"):
                monkeypatch.delenv(name)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        for name, value in signin_config.ldap_settings().items():
            setattr(settings, name, value)

    return apply


@pytest.fixture
def directory_signin(
    slapd: ldap_server.LdapServer, configure_ldap: Callable[[dict[str, str]], None]
) -> ldap_server.LdapServer:
    """Directory sign-in against the test slapd, binding by DN template."""
    configure_ldap({"MENTORMATCH_LDAP_URIS": slapd.uri, **DN_TEMPLATE_ENV})
    return slapd


@pytest.fixture(scope="session")
def saml_idp(tmp_path_factory: pytest.TempPathFactory, live_server: Any) -> Iterator[Any]:
    from mentormatch.accounts.tests import saml_server

    if not saml_server.xmlsec_available():
        _missing("xmlsec1")
    idp = saml_server.start_idp(tmp_path_factory.mktemp("saml"), site_url=live_server.url)
    yield idp
    idp.stop()


@pytest.fixture
def sso_signin(
    saml_idp: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> Any:
    """Single sign-on against the test IdP, configured through the environment variables."""
    from mentormatch.accounts.tests import saml_server

    env = {
        "MENTORMATCH_SAML_IDP_METADATA": str(saml_idp.metadata_file),
        "MENTORMATCH_SAML_KEY_FILE": str(saml_idp.sp_key_file),
        "MENTORMATCH_SAML_CERT_FILE": str(saml_idp.sp_cert_file),
        "MENTORMATCH_SAML_COORDINATOR_GROUP": saml_server.COORDINATOR_GROUP,
        "MENTORMATCH_SAML_MENTOR_GROUP": saml_server.MENTOR_GROUP,
        "MENTORMATCH_SAML_DISABLED_GROUP": saml_server.DISABLED_GROUP,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name, value in signin_config.saml_settings(live_server.url).items():
        setattr(settings, name, value)
    settings.SITE_URL = live_server.url
    return saml_idp
