"""Issue 9, item 5: behind the README's proxy, sign-in failures are counted per real client,
and the client's address is read from X-Forwarded-For only through a trusted proxy."""

from __future__ import annotations

import html
import ipaddress

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from mentormatch.accounts.client_address import client_address
from mentormatch.accounts.models import SignInFailure, User

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough local password 7"
PROXY = "10.0.0.5"
NETS = [ipaddress.ip_network("10.0.0.0/8")]


def through_proxy(client: Client, username: str, password: str, client_ip: str):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


@override_settings(MENTORMATCH_TRUSTED_PROXIES={"COUNT": 1, "NETWORKS": []})
def test_twenty_failures_behind_the_proxy_do_not_block_everybody_elses_sign_in() -> None:
    User.objects.create_user("kim", password=PASSWORD)
    for n in range(20):
        through_proxy(Client(), f"guess{n}", "wrong", client_ip="198.51.100.9")

    attacker = through_proxy(Client(), "kim", PASSWORD, client_ip="198.51.100.9")
    colleague = through_proxy(Client(), "kim", PASSWORD, client_ip="192.0.2.77")

    assert "from your network address" in html.unescape(attacker.content.decode())
    assert colleague.status_code == 302
    assert set(SignInFailure.objects.values_list("ip_address", flat=True)) == {"198.51.100.9"}


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored() -> None:
    through_proxy(Client(), "kim", "wrong", client_ip="192.0.2.1")

    assert SignInFailure.objects.get().ip_address == PROXY  # the header could be forged


def test_a_proxy_count_takes_the_address_the_last_proxy_saw() -> None:
    forged_then_real = "6.6.6.6, 198.51.100.9"

    assert client_address(PROXY, forged_then_real, count=1, networks=[]) == "198.51.100.9"
    assert client_address(PROXY, forged_then_real, count=2, networks=[]) == "6.6.6.6"
    assert client_address(PROXY, "", count=1, networks=[]) == PROXY


def test_trusted_networks_skip_the_proxies_and_distrust_other_connections() -> None:
    chain = "6.6.6.6, 198.51.100.9, 10.0.0.7"

    assert client_address(PROXY, chain, count=0, networks=NETS) == "198.51.100.9"
    assert client_address("203.0.113.1", chain, count=0, networks=NETS) == "203.0.113.1"
    assert client_address(PROXY, "not-an-address", count=0, networks=NETS) == PROXY
