"""A fixed-window counter in the shared cache, for public forms."""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(scope: str, identity: str) -> str:
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope: str, *identities: str, limit: int | None = None) -> bool:
    """Count one attempt for each identity; True when any is over the limit."""
    limit = settings.PUBLIC_FORM_RATE_LIMIT if limit is None else limit
    over = False
    for identity in filter(None, identities):
        key = _key(scope, identity)
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)
            count = 1
        over = over or count > limit
    return over


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
