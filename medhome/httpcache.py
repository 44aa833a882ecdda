"""Conditional GET and Cache-Control for public pages (issue 12).

An anonymous visitor's page depends only on the code, the content, the day, the host
and the address with its query string (the language is its first segment). Such a
page gets an ETag made of exactly those: the *release* (a digest of the templates,
the Python code, the Spanish catalogue and the static manifest, computed once per
process), the content version (medhome.cache: it moves on every save of public
content), today's date, the scheme, the host and the full path. A request that sends the ETag
back in If-None-Match is answered 304 Not Modified before any view runs: the only
work is reading the content version from the shared cache.

Only pages that are the same for every visitor get an ETag and a public
Cache-Control. A response is *personal*, and gets `private, no-store` instead, when
- the request carries a cookie other than the CSRF cookie (a session: staff, an
  anonymous visitor's toolkit list or votes; the messages cookie), or a signed-in user;
- the response sets a cookie (a CSRF token was put in a form, a session was saved,
  a message was read);
- it used this request's CSP nonce: a cached body would carry an old nonce that the
  next response's Content-Security-Policy header no longer allows (and a shared
  cache would hand one nonce to everybody), so nonce-bearing pages are never stored;
- or the view called `personal()` (a public form's single-use "form started" token).
Since an ETag is only ever given to a page none of this applied to, and the ETag
names the inputs of that page, a matching If-None-Match from a cookie-less visitor
proves the visitor holds the same body we would render now.

The same pages are kept whole in each process's memory under their ETag (the page
store: least recently used first out, `PAGE_CACHE_BYTES` per process, 0 turns it
off), so the next visitor without cookies who asks for the same address gets the
stored bytes without the view, the template or the session, locale, CSRF and auth
middleware running: one read of the content version. A publication moves the
version, so a stored page is never served once the content it shows has changed (a
bulk `QuerySet.update()` sends no signal: call `medhome.cache.bump()` after one on
public content). A view whose page must be rendered every time calls
`render_every_time()`.

`PUBLIC_CACHE_MAX_AGE` (seconds, default 0) is how long browsers and shared caches
may reuse a public page without asking; 0 sends `public, no-cache`: every reuse is
revalidated with the ETag, so a published change is visible at once.
"""

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from hashlib import blake2b
from pathlib import Path
from typing import cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from medhome import cache

_release: str | None = None
# What the release digest reads: every file whose change can change a rendered page.
_SOURCE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".json", ".xml"}
_SKIP_DIRS = {".venv", "tests", "var", "node_modules", "__pycache__", ".git", "bench", "docs"}


def release() -> str:
    """A digest of the code and templates this process serves (RELEASE overrides it)."""
    global _release
    if _release is None:
        _release = os.environ.get("RELEASE") or _digest_sources(Path(settings.BASE_DIR))
    return _release


def _digest_sources(root: Path) -> str:
    digest = blake2b(digest_size=8)
    paths: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        paths.extend(Path(folder, name) for name in files if Path(name).suffix in _SOURCE_SUFFIXES)
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        paths.append(manifest)
    for path in sorted(paths):
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()


def personal() -> None:
    """Mark the current response as meant for this visitor only (a single-use token,
    anything read from the session): it gets no ETag and `private, no-store`."""
    scope = cache.request_scope()
    if scope is not None:
        scope["personal"] = True


def render_every_time() -> None:
    """Keep the current page out of the page store (it still gets its ETag)."""
    scope = cache.request_scope()
    if scope is not None:
        scope["render"] = True


class PageStore:
    """Whole public pages (status 200: headers and body) by ETag, in this process's
    memory, at most `limit` bytes; the least recently used page leaves first."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[bytes, list[tuple[str, str]]]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def _size(body: bytes, headers: list[tuple[str, str]]) -> int:
        return len(body) + sum(len(k) + len(v) for k, v in headers) + 200

    def get(self, key: str) -> HttpResponse | None:
        with self._lock:
            stored = self._pages.get(key)
            if stored is None:
                return None
            self._pages.move_to_end(key)
        body, headers = stored
        return HttpResponse(body, headers=dict(headers))

    def put(self, key: str, response: HttpResponse) -> None:
        limit = settings.PAGE_CACHE_BYTES
        body = response.content
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
        size = self._size(body, headers)
        if size > limit // 8:  # one page never pushes out most of the others
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = (body, headers)
            self._bytes += size
            while self._bytes > limit and self._pages:
                _, (old_body, old_headers) = self._pages.popitem(last=False)
                self._bytes -= self._size(old_body, old_headers)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._pages)


pages = PageStore()
# A stored page is the same for every visitor only if it varies on nothing else.
_STORABLE_VARY = {"cookie", "accept-encoding"}


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    scope = cache.request_scope()
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return (
        settings.PAGE_CACHE_BYTES > 0
        and request.method == "GET"
        and isinstance(response, HttpResponse)
        and vary <= _STORABLE_VARY
        and not (scope is not None and scope.get("render"))
    )


def _in_a_language(path: str) -> bool:
    """A page under /en/ or /es/ (everything but health checks, robots and the sitemap)."""
    return path.split("/", 2)[1] in _LANGUAGE_CODES


_LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _shared_request(request: HttpRequest) -> bool:
    """A GET whose answer may be the same for everybody: no cookie but the CSRF one."""
    return request.method in ("GET", "HEAD") and set(request.COOKIES) <= {
        settings.CSRF_COOKIE_NAME
    }


def etag_for(request: HttpRequest) -> str:
    key = "\n".join(
        (
            release(),
            str(cache.content_version()),
            timezone.localdate().isoformat(),
            request.scheme or "",  # data files and feeds hold absolute addresses
            request.get_host(),
            request.get_full_path(),
        )
    )
    return f'W/"{blake2b(key.encode(), digest_size=12).hexdigest()}"'


def _used_nonce(request: HttpRequest) -> bool:
    return bool(getattr(request, "_csp_nonce", None))


def _is_personal(request: HttpRequest, response: HttpResponseBase) -> bool:
    scope = cache.request_scope()
    user = getattr(request, "user", None)
    return bool(
        not _shared_request(request)
        or response.cookies
        or _used_nonce(request)
        or (scope is not None and scope.get("personal"))
        or (user is not None and user.is_authenticated)
    )


def _public_cache_control(response: HttpResponseBase) -> None:
    max_age = settings.PUBLIC_CACHE_MAX_AGE
    if max_age > 0:
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    # A shared cache must not hand this page to a visitor who has a session.
    patch_vary_headers(response, ("Cookie",))


class PublicCacheMiddleware:
    """ETag, 304 and Cache-Control for public pages (see the module's docstring).
    Sits inside ContentVersionMiddleware (it reads the version) and outside the
    session, CSRF, authentication and messages middleware (it sees their cookies)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        shared = _shared_request(request) and not request.path.startswith("/admin/")
        if not shared:
            response = self.get_response(request)
            if "Cache-Control" not in response and _is_personal(request, response):
                patch_cache_control(response, private=True, no_store=True)
                patch_vary_headers(response, ("Cookie",))
            return response
        if "If-None-Match" not in request.headers and not _in_a_language(request.path):
            # Health checks, robots.txt, the sitemap: never stored, and /livez must
            # answer without the shared cache or the database.
            return self._respond(request, None)
        etag = etag_for(request)
        if "If-None-Match" in request.headers and etag in parse_etags(
            request.headers["If-None-Match"]
        ):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            _public_cache_control(not_modified)
            return not_modified
        if settings.PAGE_CACHE_BYTES > 0 and (stored := pages.get(etag)) is not None:
            return stored
        return self._respond(request, etag)

    def _respond(self, request: HttpRequest, etag: str | None) -> HttpResponseBase:
        """The view's response to a shared request, with its caching headers; stored
        when it is public and `etag` (read before the view) names it."""
        response = self.get_response(request)
        if "Cache-Control" in response:
            return response  # the view chose (never_cache, the suggestions, media)
        if _is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        elif response.status_code == 200 and not response.streaming:
            # The version the page was rendered with (read once per request, kept).
            response.headers.setdefault("ETag", etag or etag_for(request))
            _public_cache_control(response)
            if etag is not None and _storable(request, response):
                pages.put(etag, cast(HttpResponse, response))
        return response
