"""The client's real network address, when a reverse proxy stands in front of the site.

Behind a proxy every request comes from the proxy's address, so counting sign-in failures by
``REMOTE_ADDR`` makes all users share one counter.  ``X-Forwarded-For`` names the client,
but a client can write anything into it, so it is read only as far as configured:

* ``MENTORMATCH_TRUSTED_PROXY_COUNT=N``: exactly N proxies append to the header; the client
  is the N-th address from the right.
* ``MENTORMATCH_TRUSTED_PROXY_NETWORKS=10.0.0.0/8,...``: the header is read only when the
  connection comes from one of these networks, and the client is the right-most address
  that is not in them.

With neither (the default) the header is ignored.  ``TrustedProxyMiddleware`` puts the result
into ``REMOTE_ADDR`` (the proxy's own address is kept in ``MENTORMATCH_PROXY_ADDR``), so the
throttle, the audit log and everything else see the same address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _parse(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _in(address: str, networks: Sequence[Network]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def client_address(
    remote_addr: str | None, forwarded_for: str, *, count: int, networks: Sequence[Network]
) -> str | None:
    """The client's address given the connection's address and the ``X-Forwarded-For``
    header, trusting the proxies as configured (see the module docstring)."""
    remote = _parse(remote_addr or "")
    hops = [_parse(part) for part in forwarded_for.split(",")] if forwarded_for.strip() else []
    if count:
        if len(hops) < count:
            return remote
        return hops[-count] or remote
    if not networks or remote is None or not _in(remote, networks):
        return remote
    for hop in reversed(hops):
        if hop is None:
            return remote  # a malformed hop: stop trusting the header there
        if not _in(hop, networks):
            return hop
    return remote


class TrustedProxyMiddleware:
    """First in ``MIDDLEWARE``: ``REMOTE_ADDR`` becomes the client's real address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        conf = settings.MENTORMATCH_TRUSTED_PROXIES
        self.count = int(conf["COUNT"])
        self.networks = [ipaddress.ip_network(n, strict=False) for n in conf["NETWORKS"]]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.count or self.networks:
            remote = request.META.get("REMOTE_ADDR")
            address = client_address(
                remote,
                request.META.get("HTTP_X_FORWARDED_FOR", ""),
                count=self.count,
                networks=self.networks,
            )
            request.META["MENTORMATCH_PROXY_ADDR"] = remote
            if address:
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
