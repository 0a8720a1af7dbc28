"""Directory and SSO settings are read from the environment and fail loudly when incomplete."""

from __future__ import annotations

import pytest

from config import signin as signin_config
from config.env import ConfigurationError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith(("MENTORMATCH_LDAP_", "MENTORMATCH_SAML_")):
            monkeypatch.delenv(name)


def test_directory_sign_in_is_off_without_server_uris() -> None:
    assert signin_config.ldap_settings() == {"MENTORMATCH_LDAP": None}
    assert signin_config.saml_settings("https://m.example.edu") == {"MENTORMATCH_SAML": None}


def test_several_uris_become_a_fail_over_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORMATCH_LDAP_URIS", "ldaps://a.example.edu, ldaps://b.example.edu")
    monkeypatch.setenv("MENTORMATCH_LDAP_BIND_DN_TEMPLATE", "uid=%(user)s,dc=example,dc=edu")
    monkeypatch.setenv("MENTORMATCH_LDAP_ATTR_RANK", "eduPersonAffiliation")

    result = signin_config.ldap_settings()

    assert result["AUTH_LDAP_SERVER_URI"] == "ldaps://a.example.edu ldaps://b.example.edu"
    assert result["MENTORMATCH_LDAP"]["ATTRIBUTES"]["rank"] == "eduPersonAffiliation"
    assert result["MENTORMATCH_LDAP"]["ATTRIBUTES"]["email"] == "mail"


def test_a_directory_without_a_way_to_find_people_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MENTORMATCH_LDAP_URIS", "ldaps://a.example.edu")

    with pytest.raises(ConfigurationError, match="MENTORMATCH_LDAP_BIND_DN_TEMPLATE"):
        signin_config.ldap_settings()


def test_an_unknown_group_type_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORMATCH_LDAP_URIS", "ldaps://a.example.edu")
    monkeypatch.setenv("MENTORMATCH_LDAP_BIND_DN_TEMPLATE", "uid=%(user)s,dc=example,dc=edu")
    monkeypatch.setenv("MENTORMATCH_LDAP_GROUP_TYPE", "groupsOfPeople")

    with pytest.raises(ConfigurationError, match="MENTORMATCH_LDAP_GROUP_TYPE"):
        signin_config.ldap_settings()


def test_single_sign_on_without_the_site_key_pair_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MENTORMATCH_SAML_IDP_METADATA", "https://idp.example.edu/metadata")

    with pytest.raises(ConfigurationError, match="MENTORMATCH_SAML_KEY_FILE"):
        signin_config.saml_settings("https://m.example.edu")


def test_idp_metadata_may_be_a_url_or_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORMATCH_SAML_KEY_FILE", "/etc/mm/saml.key")
    monkeypatch.setenv("MENTORMATCH_SAML_CERT_FILE", "/etc/mm/saml.pem")
    monkeypatch.setenv("MENTORMATCH_SAML_IDP_METADATA", "https://idp.example.edu/metadata")
    remote = signin_config.saml_settings("https://m.example.edu")["SAML_CONFIG"]
    monkeypatch.setenv("MENTORMATCH_SAML_IDP_METADATA", "/etc/mm/idp.xml")
    local = signin_config.saml_settings("https://m.example.edu")["SAML_CONFIG"]

    assert remote["metadata"] == {"remote": [{"url": "https://idp.example.edu/metadata"}]}
    assert local["metadata"] == {"local": ["/etc/mm/idp.xml"]}
    assert local["entityid"] == "https://m.example.edu/saml2/metadata/"


def test_a_missing_test_server_fails_in_ci_and_skips_only_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mentormatch.accounts.tests.conftest import _missing

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="needed in CI"):
        _missing("OpenLDAP slapd")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _missing("OpenLDAP slapd")


def test_trusted_proxies_are_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MENTORMATCH_TRUSTED_PROXY_COUNT", raising=False)
    monkeypatch.delenv("MENTORMATCH_TRUSTED_PROXY_NETWORKS", raising=False)

    assert signin_config.trusted_proxies() == {"COUNT": 0, "NETWORKS": []}


def test_a_mistyped_proxy_network_or_both_proxy_settings_stop_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MENTORMATCH_TRUSTED_PROXY_NETWORKS", "10.0.0.0/33")
    with pytest.raises(ConfigurationError, match="is not a network"):
        signin_config.trusted_proxies()

    monkeypatch.setenv("MENTORMATCH_TRUSTED_PROXY_NETWORKS", "10.0.0.0/8")
    monkeypatch.setenv("MENTORMATCH_TRUSTED_PROXY_COUNT", "1")
    with pytest.raises(ConfigurationError, match="not both"):
        signin_config.trusted_proxies()


def test_the_service_account_is_kept_with_a_dn_template_for_the_re_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MENTORMATCH_LDAP_URIS", "ldaps://a.example.edu")
    monkeypatch.setenv("MENTORMATCH_LDAP_BIND_DN_TEMPLATE", "uid=%(user)s,dc=example,dc=edu")
    monkeypatch.setenv("MENTORMATCH_LDAP_BIND_DN", "cn=svc,dc=example,dc=edu")
    monkeypatch.setenv("MENTORMATCH_LDAP_BIND_PASSWORD", "secret-1")

    result = signin_config.ldap_settings()

    assert result["AUTH_LDAP_BIND_DN"] == "cn=svc,dc=example,dc=edu"
    assert result["AUTH_LDAP_BIND_AS_AUTHENTICATING_USER"] is True
