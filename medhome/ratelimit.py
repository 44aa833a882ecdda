"""Rate limits for the public, counted by django-ratelimit in the shared cache.

The counters live in the `default` cache: the database cache for one
instance, Redis when several instances run (the cluster), so every worker
and instance spends from one budget. Clients are told apart by their real
address (see medhome.clientip), never by a header they can forge.

Limits are settings, written "N/s", "N/m", "N/h" or "N/d":
- `PUBLIC_FORM_RATE_LIMIT`: form submissions an hour, per address and per
  email address, checked inside the forms so the visitor keeps their answers;
- `RATE_LIMITS`: every other public POST, by URL name (`"default"` for the
  rest), enforced by `PublicPostRateLimitMiddleware` with a 429 page.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def _identity_key(identity: str) -> Callable[[str, HttpRequest], str]:
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()
    return lambda group, request: digest


def hit(request: HttpRequest, scope: str, *, rate: str, identity: str = "") -> bool:
    """Count one attempt from this client (and for `identity`); True when over the limit."""
    over = is_ratelimited(request, group=scope, key="ip", rate=rate, increment=True)
    if identity:
        over = (
            is_ratelimited(
                request,
                group=f"{scope}:identity",
                key=_identity_key(identity),
                rate=rate,
                increment=True,
            )
            or over
        )
    return over


def public_form_rate() -> str:
    return f"{settings.PUBLIC_FORM_RATE_LIMIT}/h"


def rate_for(view_name: str) -> str:
    return settings.RATE_LIMITS.get(view_name, settings.RATE_LIMITS["default"])


class PublicPostRateLimitMiddleware:
    """Every POST outside the admin spends from the client's budget for that view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if request.method != "POST":
            return None
        match = request.resolver_match
        if match is None or "admin" in match.namespaces:
            return None
        view_name = match.view_name
        if is_ratelimited(
            request, group=f"post:{view_name}", key="ip", rate=rate_for(view_name), increment=True
        ):
            response = render(request, "429.html", status=429)
            response["Retry-After"] = "3600"
            return response
        return None
