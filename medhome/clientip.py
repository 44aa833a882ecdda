"""The visitor's real address, behind a known number of our own proxies.

`TRUSTED_PROXY_COUNT` says how many proxies of ours stand in front of the
app (0: the app is reached directly; 1: nginx; 2: a load balancer and nginx).
Each of them appends the address it was reached from to `X-Forwarded-For`,
so the client is the entry `TRUSTED_PROXY_COUNT` places from the right.
Anything further left was written by the client and is ignored: a forged
header cannot buy a fresh rate-limit budget or hide a visitor in the logs.

`RealClientAddressMiddleware` (first in MIDDLEWARE) puts that address in
`REMOTE_ADDR`, so rate limits, the lockout and logs all read the same value.
"""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Where the address of the nearest peer (our proxy) is kept once REMOTE_ADDR is rewritten.
PEER_KEY = "medhome.peer_addr"


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def forwarded_client(meta: dict, proxy_count: int) -> str:
    """The client address from a WSGI environ, trusting `proxy_count` proxies."""
    peer = meta.get("REMOTE_ADDR", "")
    if proxy_count <= 0:
        return peer
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxy_count:
        # The request did not pass through all our proxies: trust only the socket.
        return peer
    candidate = hops[-proxy_count]
    return candidate if _valid(candidate) else peer


def client_ip(request: HttpRequest) -> str:
    """The real client address (REMOTE_ADDR once the middleware has run)."""
    if PEER_KEY in request.META:
        return request.META.get("REMOTE_ADDR", "")
    return forwarded_client(request.META, settings.TRUSTED_PROXY_COUNT)


class RealClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if PEER_KEY not in request.META:
            request.META[PEER_KEY] = request.META.get("REMOTE_ADDR", "")
            request.META["REMOTE_ADDR"] = forwarded_client(
                request.META, settings.TRUSTED_PROXY_COUNT
            )
        return self.get_response(request)
