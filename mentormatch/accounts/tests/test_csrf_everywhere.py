"""CSRF protection on every page: a POST without the token is refused everywhere, except the
SAML endpoints the identity provider posts to (their signed messages protect them)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from mentormatch.accounts.tests.test_cross_account_access import (
    OWNED,
    PARAMETERS,
    SELF_SCOPED,
    SHARED,
    _patterns,
)
from tests.scenarios import World, build_world

pytestmark = pytest.mark.django_db

CSRF_EXEMPT_ON_PURPOSE = {"saml2_acs", "saml2_ls", "saml2_ls_post"}


def all_named_patterns() -> dict[str, list[str]]:
    return {
        name: params
        for name, _route, params in _patterns(get_resolver().url_patterns)
        if not name.startswith("admin:") and name != "None"
    }


def test_no_view_is_exempt_from_csrf_except_the_saml_endpoints() -> None:
    exempt = set()
    for entry_name, callback in _callbacks():
        if getattr(callback, "csrf_exempt", False):
            exempt.add(entry_name)

    assert exempt <= CSRF_EXEMPT_ON_PURPOSE, exempt - CSRF_EXEMPT_ON_PURPOSE


def _callbacks() -> list[tuple[str, Any]]:
    from django.urls import URLPattern, URLResolver

    found: list[tuple[str, Any]] = []

    def walk(entries: list[Any], namespace: str = "") -> None:
        for entry in entries:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                found.append((name, entry.callback))

    walk(get_resolver().url_patterns)
    return found


def _kwargs(name: str, params: list[str], world: World) -> dict[str, Any]:
    for table in (OWNED, SELF_SCOPED, SHARED):
        if name in table:
            return table[name][2](world)
    kwargs: dict[str, Any] = {}
    for parameter in params:
        kwargs.update(PARAMETERS[parameter](world))
    return kwargs


def test_a_post_without_the_csrf_token_is_refused_on_every_page() -> None:
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.cora)
    accepted = []

    for name, params in sorted(all_named_patterns().items()):
        if name in CSRF_EXEMPT_ON_PURPOSE:
            continue
        url = reverse(name, kwargs=_kwargs(name, params, world))
        response = client.post(url, {"anything": "x"})
        if response.status_code != 403 or b"CSRF verification failed" not in response.content:
            accepted.append((name, response.status_code))

    assert accepted == []
