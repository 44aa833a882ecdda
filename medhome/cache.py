"""A content version, and what public pages compute cached under it.

Every save or delete of public content (and every change to its many-to-many links)
moves the *content version*; anything cached under the version (facet counts,
result counts, the footer's date, the demo notice) is therefore never served once the
content it was computed from has changed, and needs no list of keys to delete. A
scheduled item (publish date in the future) moves the version when its date comes, and
so does an event when it starts or ends (`CHANGES_PUBLICLY_AT`): the version remembers
the earliest such moment and is renewed once it has passed.

The values are kept in each process's memory (free to read, a bounded number of
them); the version itself lives in the site's cache (Redis in production, the
database cache with `make run`), so every process sees a change at once, and is read
once per request (ContentVersionMiddleware keeps it for the rest of the request).

    from medhome.cache import cached
    counts = cached(("facets", state), compute)      # per language and version
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from hashlib import blake2b

from django.apps import apps as global_apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "medhome:content-version"
LOCAL_MAX_ENTRIES = 1000

# Apps whose models are public content, and the models there the public writes
# (a vote, a subscription, a request): those never move the version.
CONTENT_APPS = {"medhome", "faq", "resources", "mentorship", "newsletter", "events", "toolkit"}
NOT_CONTENT = {
    "medhome.pagefeedback",
    "medhome.searchterm",
    "newsletter.subscriber",
    "newsletter.alert",
    "newsletter.delivery",
    "mentorship.introductionrequest",
    "mentorship.assistancerequest",
    "mentorship.nomination",
    "resources.submission",
}

# Set by the middleware for the length of a request: {} until the version is read.
_request: ContextVar[dict | None] = ContextVar("medhome_content_version", default=None)
_local: OrderedDict = OrderedDict()
_lock = threading.Lock()


# -- the version -----------------------------------------------------------------------
def _next_publication() -> float | None:
    """When public content next changes by the clock alone (a timestamp): the earliest
    scheduled publication, or the earliest moment a model names in its
    `CHANGES_PUBLICLY_AT` fields (an event's start and end: it moves from "upcoming" to
    "past"). One query, a UNION of each kind of content's earliest."""
    from django.apps import apps

    from medhome.models import Publishable, Status

    now = timezone.now()
    parts = [
        model._default_manager.filter(status=Status.PUBLISHED, **{f"{field}__gt": now})
        .order_by()
        .values("status")
        .annotate(first=Min(field))
        .values_list("first", flat=True)
        for model in apps.get_models()
        if issubclass(model, Publishable) and model._meta.app_label in CONTENT_APPS
        for field in ("publish_at", *getattr(model, "CHANGES_PUBLICLY_AT", ()))
    ]
    if not parts:
        return None
    dates = [d for d in parts[0].union(*parts[1:], all=True).order_by() if d]
    return min(dates).timestamp() if dates else None


def _new_state() -> dict:
    # A fresh number is never one an earlier version had, even after the cache lost it.
    return {"v": time.time_ns(), "next": _next_publication()}


def content_version() -> int:
    """The current content version (read once per request)."""
    scope = _request.get()
    if scope is not None and "v" in scope:
        return scope["v"]
    state = cache.get(VERSION_KEY)
    if state is None or (state["next"] is not None and time.time() >= state["next"]):
        state = _new_state()
        cache.set(VERSION_KEY, state, None)
    if scope is not None:
        scope["v"] = state["v"]
    return state["v"]


def bump() -> None:
    """Move the version: everything cached under the old one is no longer used."""
    cache.set(VERSION_KEY, _new_state(), None)
    scope = _request.get()
    if scope is not None:
        scope.pop("v", None)


def _changed(sender, raw=False, **kwargs) -> None:
    # Migrations save through historical models (their own app registry): no site yet.
    if sender._meta.apps is not global_apps or not is_content(sender):
        return
    if not raw:  # loaddata (raw) writes many rows: once, when they are committed
        bump()
    # Again once the change is committed: a request that read the new version before
    # the commit may have cached what it saw of the old rows under it.
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        if not getattr(connection, "_medhome_bump_pending", False):
            connection._medhome_bump_pending = True
            transaction.on_commit(_bump_after_commit)
    elif raw:
        bump()


def _bump_after_commit() -> None:
    transaction.get_connection()._medhome_bump_pending = False
    bump()


def is_content(model) -> bool:
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT


def connect_signals() -> None:
    post_save.connect(_changed, dispatch_uid="medhome-content-version-save")
    post_delete.connect(_changed, dispatch_uid="medhome-content-version-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="medhome-content-version-m2m")


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(type(instance))


def request_scope() -> dict | None:
    """The current request's scratch space (None outside a request): the version read
    once, and flags such as medhome.httpcache.personal()."""
    return _request.get()


class ContentVersionMiddleware:
    """Reads the content version at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set({})
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


# -- cached values -----------------------------------------------------------------------
def _key(key: Hashable, language: str | None) -> str:
    digest = blake2b(repr(key).encode(), digest_size=16).hexdigest()
    return f"medhome:v{content_version()}:{language or '-'}:{digest}"


def cached[T](key: Hashable, compute: Callable[[], T], *, per_language: bool = True) -> T:
    """`compute()` cached under the content version (and the active language).
    `key` is any value with a stable repr() naming what is computed and from what."""
    full = _key(key, get_language() if per_language else None)
    with _lock:
        if full in _local:
            _local.move_to_end(full)
            return _local[full]
    value = compute()
    _remember(full, value)
    return value


def _remember(full: str, value) -> None:
    with _lock:
        _local[full] = value
        _local.move_to_end(full)
        while len(_local) > LOCAL_MAX_ENTRIES:
            _local.popitem(last=False)


def clear_local() -> None:
    """Forget this process's copies (tests)."""
    with _lock:
        _local.clear()
