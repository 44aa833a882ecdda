"""The HTTP Observatory's rubric, computed from real responses in HTTPS mode: at least 130.

The settings are the production ones (DEBUG off, read from medhome/settings.py
with a production environment), so a weaker default fails here. The rubric is
Mozilla HTTP Observatory's scoring table: start at 100, apply the penalties;
when the result is at least 90, add the bonuses. Offline we can earn every
bonus but "HSTS preloaded", which needs the domain in the browsers' list
(we check the header is preload-ready instead); so 130 is the most a page
can score here, and it needs a cookie (a page with a form) to earn the
cookie bonus; pages without a cookie must reach 125.
"""

import os
import re
import runpy
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from unittest import mock

import pytest

from tests.faq.factories import QuestionFactory

pytestmark = pytest.mark.django_db

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "medhome" / "settings.py"
HEADER_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SECURE_CSP",
    "WHITENOISE_ALLOW_ALL_ORIGINS",
    "CROSS_ORIGIN_RESOURCE_POLICY",
]


@pytest.fixture
def production(settings):
    """Apply the header-related settings exactly as production computes them."""
    env = {"DEBUG": "false", "SECRET_KEY": "observatory", "DATABASE_URL": ""}
    keep = {k: v for k, v in os.environ.items() if k not in env and not k.startswith("SECURE_")}
    with mock.patch.dict(os.environ, {**keep, **env}, clear=True):
        values = runpy.run_path(str(SETTINGS_FILE))
    for name in HEADER_SETTINGS:
        setattr(settings, name, values.get(name, getattr(settings, name, None)))
    return values


# --- The rubric ----------------------------------------------------------------------


def _csp(headers):
    raw = headers.get("Content-Security-Policy")
    if not raw:
        return None
    policy = {}
    for part in raw.split(";"):
        words = part.split()
        if words:
            policy[words[0].lower()] = [w.lower() for w in words[1:]]
    return policy


def score_csp(headers):
    policy = _csp(headers)
    if policy is None:
        return "csp-not-implemented", -25
    script = policy.get("script-src", policy.get("default-src", ["*"]))
    style = policy.get("style-src", policy.get("default-src", ["*"]))
    objects = policy.get("object-src", policy.get("default-src", ["*"]))
    if "'unsafe-inline'" in script and not any(s.startswith("'nonce-") for s in script):
        return "csp-implemented-with-unsafe-inline", -20
    if any(s in ("*", "http:", "https:", "data:") for s in script + objects):
        return "csp-implemented-with-unsafe", -20
    if any(s.startswith("http:") for values in policy.values() for s in values):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if "'unsafe-inline'" in style:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if policy.get("default-src") == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def score_cookies(response):
    cookies = SimpleCookie()
    for header in response.headers.get("Set-Cookie", "").split("\n"):
        cookies.load(header)
    for morsel in response.cookies.values():
        cookies[morsel.key] = morsel
    if not cookies:
        return "cookies-not-found", 0
    for name, morsel in cookies.items():
        session = "session" in name.lower() or "csrf" in name.lower()
        if not morsel["secure"]:
            return (
                ("cookies-session-without-secure-flag", -40)
                if session
                else ("cookies-without-secure-flag", -20)
            )
        if session and not morsel["httponly"]:
            return "cookies-session-without-httponly-flag", -30
        if morsel["samesite"].lower() not in ("lax", "strict", "none", ""):
            return "cookies-samesite-flag-invalid", -20
    if all(m["samesite"] for m in cookies.values()):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def score_cors(headers):
    origin = headers.get("Access-Control-Allow-Origin")
    if origin is None:
        return "cross-origin-resource-sharing-not-implemented", 0
    if origin == "*" and headers.get("Access-Control-Allow-Credentials") == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    return "cross-origin-resource-sharing-implemented-with-public-access", 0


def score_redirection(http_response):
    location = http_response.headers.get("Location", "")
    if http_response.status_code not in (301, 302, 307, 308):
        return "redirection-missing", -20
    if not location.startswith("https://"):
        return "redirection-not-to-https", -20
    return "redirection-to-https", 0


def score_referrer(headers):
    policy = headers.get("Referrer-Policy")
    if policy is None:
        return "referrer-policy-not-implemented", 0
    values = {v.strip().lower() for v in policy.split(",")}
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    if values & {"unsafe-url", "no-referrer-when-downgrade", "origin"}:
        return "referrer-policy-unsafe", -5
    if values <= private:
        return "referrer-policy-private", 5
    return "referrer-policy-headers-invalid", -5


def score_hsts(headers):
    raw = headers.get("Strict-Transport-Security")
    if raw is None:
        return "hsts-not-implemented", -20
    match = re.search(r"max-age=(\d+)", raw)
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < 15_768_000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    # +5 only once the domain is in the browsers' preload list, which no test can show.
    return "hsts-implemented-max-age-at-least-six-months", 0


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def score_sri(response):
    if "text/html" not in response.headers.get("Content-Type", ""):
        return "sri-not-implemented-response-not-html", 0
    parser = _Scripts()
    parser.feed(response.content.decode())
    external = [s for s in parser.scripts if s.get("src")]
    if not external:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    for script in external:
        src = script["src"]
        same_origin = src.startswith("/") and not src.startswith("//")
        if not same_origin and not script.get("integrity"):
            return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    if all(s.get("integrity") for s in external):
        return "sri-implemented-and-all-scripts-loaded-securely", 5
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0


def score_nosniff(headers):
    if headers.get("X-Content-Type-Options", "").lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def score_framing(headers):
    policy = _csp(headers) or {}
    if policy.get("frame-ancestors") in (["'none'"], ["'self'"]):
        return "x-frame-options-implemented-via-csp", 5
    if headers.get("X-Frame-Options", "").upper() in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def observatory(response, http_response):
    headers = response.headers
    results = dict(
        [
            score_csp(headers),
            score_cookies(response),
            score_cors(headers),
            score_redirection(http_response),
            score_referrer(headers),
            score_hsts(headers),
            score_sri(response),
            score_nosniff(headers),
            score_framing(headers),
        ]
    )
    score = 100 + sum(v for v in results.values() if v < 0)
    if score >= 90:
        score += sum(v for v in results.values() if v > 0)
    return score, results


def _scan(client, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200, path
    http_response = client.get(path, secure=False)
    return observatory(response, http_response)


# --- The tests ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/en/", "/es/", "/en/assistance/", "/en/resources/share/", "/en/newsletter/"]
)
def test_pages_with_forms_score_at_least_130(client, production, path):
    score, results = _scan(client, path)
    assert score >= 130, (path, score, results)


def test_the_faq_question_page_misses_only_the_cookie_bonus(client, production):
    # Its "was this helpful?" form carries no CSRF token (medhome/feedback.py): no cookie.
    question = QuestionFactory()
    score, results = _scan(client, f"/en/faq/questions/{question.slug}/")
    assert "cookies-not-found" in results
    assert score >= 125, (score, results)


@pytest.mark.parametrize("path", ["/en/resources/", "/en/mentors/", "/en/states/"])
def test_pages_without_cookies_miss_only_the_cookie_bonus(client, production, path):
    score, results = _scan(client, path)
    assert score >= (125 if "cookies-not-found" in results else 130), (path, score, results)


def test_hsts_is_preload_ready(client, production):
    hsts = client.get("/en/", secure=True).headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_the_policy_starts_from_nothing(client, production):
    policy = _csp(client.get("/en/", secure=True).headers)
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]


def test_responses_carry_corp(client, production):
    response = client.get("/en/", secure=True)
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_static_files_allow_no_other_origin(client, production):
    from django.contrib.staticfiles.storage import staticfiles_storage

    url = staticfiles_storage.url("css/site.css")
    response = client.get(url, secure=True)
    if response.status_code != 200:
        pytest.skip("static files are not collected (make static)")
    assert "Access-Control-Allow-Origin" not in response.headers
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_admin_sign_in_page_has_the_same_headers(client, production):
    response = client.get("/admin/login/", secure=True)
    _, results = observatory(response, client.get("/admin/login/"))
    for name in (
        "csp-implemented-with-no-unsafe-default-src-none",
        "x-frame-options-implemented-via-csp",
        "referrer-policy-private",
        "hsts-implemented-max-age-at-least-six-months",
        "redirection-to-https",
    ):
        assert name in results, results
