"""SAML 2.0 single sign-on through a real HTTP flow: the site (live server) and the test
identity provider (its own process), with a real HTTP client following every redirect and
submitting each form, as a browser would."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import pytest
import requests

from mentormatch.accounts.models import AuthSource, User
from mentormatch.directory.models import Profile

# serialized_rollback: the flush after each test then keeps content types, and the seeded
# information pages are restored, so later serialized tests (the browser tests) still work.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form" and not self.action:
            self.action = values.get("action") or ""
        if tag == "input" and values.get("name"):
            self.fields[str(values["name"])] = values.get("value") or ""


def first_form(page: requests.Response) -> tuple[str, dict[str, str]]:
    parser = _FormParser()
    parser.feed(page.text)
    assert parser.action, f"no form on {page.url}: {page.text[:500]}"
    return urljoin(page.url, html.unescape(parser.action)), parser.fields


def sso_sign_in(
    live_server: Any, username: str, password: str
) -> tuple[requests.Session, requests.Response]:
    """Click the SSO button, sign in at the IdP, and carry its answer back to the site."""
    browser = requests.Session()
    sign_in_page = browser.get(f"{live_server.url}/accounts/sign-in/", timeout=30)
    assert "Sign in with your institution" in sign_in_page.text
    idp_login = browser.get(f"{live_server.url}/saml2/login/?next=/", timeout=30)
    assert idp_login.status_code == 200
    assert "Example University" in idp_login.text  # we are at the IdP now
    action, fields = first_form(idp_login)
    fields.update({"username": username, "password": password})
    idp_answer = browser.post(action, data=fields, timeout=30)
    if "SAMLResponse" not in idp_answer.text:
        return browser, idp_answer
    acs, saml_fields = first_form(idp_answer)
    assert acs == f"{live_server.url}/saml2/acs/"
    return browser, browser.post(acs, data=saml_fields, timeout=30)


def test_single_sign_on_signs_in_and_creates_the_account_from_the_idp_attributes(
    live_server: Any, sso_signin: Any
) -> None:
    _, page = sso_sign_in(live_server, "erin", "erin-pass-1")

    assert page.status_code == 200
    assert page.url == f"{live_server.url}/"
    assert "Signed in as Erin Walsh" in html.unescape(page.text)
    erin = User.objects.get(username="erin")
    assert erin.auth_source == AuthSource.SSO
    assert erin.email == "erin@example.edu"
    assert erin.is_coordinator and erin.is_mentor
    profile = Profile.objects.get(user=erin)
    assert (profile.department, profile.rank) == ("Cardiology", "Professor")


def test_a_person_without_the_groups_gets_no_coordinator_role(
    live_server: Any, sso_signin: Any
) -> None:
    # An account single sign-on made before accounts kept a directory id.
    User.objects.create_user(
        "finn", is_coordinator=True, is_mentor=True, auth_source=AuthSource.SSO
    )

    _, page = sso_sign_in(live_server, "finn", "finn-pass-1")

    assert "Signed in as Finn Moreau" in html.unescape(page.text)
    finn = User.objects.get(username="finn")
    assert not finn.is_coordinator and not finn.is_mentor


def test_a_wrong_password_at_the_idp_does_not_sign_in(live_server: Any, sso_signin: Any) -> None:
    browser, page = sso_sign_in(live_server, "erin", "wrong")

    assert "Wrong username or password" in page.text
    home = browser.get(f"{live_server.url}/", timeout=30)
    assert home.url.startswith(f"{live_server.url}/accounts/sign-in/")
    assert not User.objects.filter(username="erin").exists()


def test_a_disabled_account_is_refused_with_a_clear_page(live_server: Any, sso_signin: Any) -> None:
    _, page = sso_sign_in(live_server, "gus", "gus-pass-1")

    assert page.status_code == 403
    assert "your MentorMatch account is disabled" in html.unescape(page.text)


def test_a_forged_answer_is_refused(live_server: Any, sso_signin: Any) -> None:
    browser = requests.Session()
    page = browser.post(
        f"{live_server.url}/saml2/acs/",
        data={"SAMLResponse": "PHNhbWxwOlJlc3BvbnNlLz4=", "RelayState": "/"},
        timeout=30,
    )

    assert page.status_code in (400, 403)
    assert "did not confirm who you are" in html.unescape(page.text)
    assert not User.objects.exists()


def test_the_site_publishes_its_saml_metadata(live_server: Any, sso_signin: Any) -> None:
    page = requests.get(f"{live_server.url}/saml2/metadata/", timeout=30)

    assert page.status_code == 200
    assert f"{live_server.url}/saml2/acs/" in page.text


def _answer_signed_with(live_server: Any, idp: Any, key_name: str) -> requests.Response:
    """Start a real sign-in at the site, then answer it ourselves with a signed assertion
    for "erin", signed with the key pair ``key_name`` (the IdP's own, or another)."""
    from urllib.parse import parse_qs, urlparse

    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
    from saml2.saml import AUTHN_PASSWORD
    from saml2.server import Server

    from mentormatch.accounts.tests.saml_idp import idp_config
    from mentormatch.accounts.tests.saml_server import IDP_USERS, self_signed

    directory = idp.metadata_file.parent
    if not (directory / f"{key_name}.key").exists():
        self_signed(directory, key_name)
    port = int(urlparse(idp.url).port or 0)
    server = Server(
        config=idp_config(
            port=port,
            key_file=str(directory / f"{key_name}.key"),
            cert_file=str(directory / f"{key_name}.pem"),
            sp_metadata=str(directory / "sp-metadata.xml"),
        )
    )
    browser = requests.Session()
    start = browser.get(f"{live_server.url}/saml2/login/?next=/", allow_redirects=False, timeout=30)
    query = parse_qs(urlparse(start.headers["Location"]).query)
    request = server.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
    resp_args = server.response_args(request.message, [BINDING_HTTP_POST])
    answer = server.create_authn_response(
        IDP_USERS["erin"]["attributes"],
        userid="erin",
        authn={"class_ref": AUTHN_PASSWORD, "authn_auth": server.config.entityid},
        sign_assertion=True,
        sign_response=True,
        **resp_args,
    )
    http_args = server.apply_binding(
        BINDING_HTTP_POST, str(answer), resp_args["destination"], "/", response=True
    )
    parser = _FormParser()
    parser.feed(http_args["data"])
    return browser.post(parser.action, data=parser.fields, timeout=30)


def test_an_assertion_signed_with_the_identity_providers_key_signs_in(
    live_server: Any, sso_signin: Any
) -> None:
    page = _answer_signed_with(live_server, sso_signin, "idp")

    assert "Signed in as Erin Walsh" in html.unescape(page.text)


def test_an_assertion_signed_with_any_other_key_is_refused(
    live_server: Any, sso_signin: Any
) -> None:
    page = _answer_signed_with(live_server, sso_signin, "attacker")

    assert page.status_code == 403
    assert "did not confirm who you are" in html.unescape(page.text)
    assert not User.objects.filter(username="erin").exists()
