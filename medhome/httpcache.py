"""Conditional GET and Cache-Control for public pages (issue 12).

An anonymous visitor's page depends only on the code, the content, the day, the host
and the address with its query string (the language is its first segment). Such a
page gets an ETag made of exactly those: the *release* (a digest of the templates,
the Python code, the Spanish catalogue and the static manifest, computed once per
process), the content version (medhome.cache: it moves on every save of public
content), today's date, the host and the full path. A request that sends the ETag
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

`PUBLIC_CACHE_MAX_AGE` (seconds, default 0) is how long browsers and shared caches
may reuse a public page without asking; 0 sends `public, no-cache`: every reuse is
revalidated with the ETag, so a published change is visible at once.
"""

import os
from collections.abc import Callable
from hashlib import blake2b
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotModified
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
        if shared and "If-None-Match" in request.headers:
            etag = etag_for(request)
            if etag in parse_etags(request.headers["If-None-Match"]):
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                _public_cache_control(not_modified)
                return not_modified
        response = self.get_response(request)
        if "Cache-Control" in response:
            return response  # the view chose (never_cache, the suggestions, media)
        if _is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        elif shared and response.status_code == 200 and not response.streaming:
            # The version the page was rendered with (read once per request, kept).
            response.headers.setdefault("ETag", etag_for(request))
            _public_cache_control(response)
        return response
