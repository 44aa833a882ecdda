"""Fixtures every test module may use.

Browser tests: mark them `@pytest.mark.browser`, take the `page` fixture from
pytest-playwright and `live_server` from pytest-django, and call
`assert_accessible(page)` for an axe-core scan (WCAG 2.0/2.1 A and AA).
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY

from medhome import httpcache

# Playwright runs an event loop in the test thread; Django's ORM calls from
# browser tests are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def current_code(user) -> str:
    """The code the user's authenticator app shows now (enrolling the user if needed)."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from medhome.second_factor import enrol

    enrol(user)
    device = TOTPDevice.objects.get(user=user)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(code).zfill(device.digits)


class StaffClient(Client):
    """A test client whose force_login signs staff in with both factors.

    The admin lets in only sessions verified by a second factor; staff tests
    sign in as a person with their authenticator would. A test of the second
    factor itself passes `second_factor=False`.
    """

    def force_login(self, user, backend=None, *, second_factor=True):
        super().force_login(user, backend)
        if second_factor and user.is_staff:
            from medhome.second_factor import enrol

            enrol(user)
            device = user.totpdevice_set.get()
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return StaffClient()


@pytest.fixture
def admin_client(db, admin_user):
    staff_client = StaffClient()
    staff_client.force_login(admin_user)
    return staff_client


@pytest.fixture
def roles(db):
    """The staff roles (groups and permissions); transactional tests flush the rows the
    data migration made, so they are synced again."""
    from medhome.staff.roles import sync_roles

    sync_roles()


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """Empty the tables after a transactional test (browser tests, the live server) with
    DELETE instead of PostgreSQL's TRUNCATE. After a test the tables hold a few rows, and
    TRUNCATE's cost is per table (a new file for each of about a hundred): 0.4 s a test,
    where the DELETEs take a few milliseconds. Django's foreign keys are deferrable, so the
    order of the DELETEs does not matter inside flush's transaction."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"DELETE FROM {self.quote_name(table)};"  # noqa: S608 (Django's own table names)
            for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@contextmanager
def for_the_module(django_db_blocker) -> Iterator[None]:
    """Data a module's tests only read, written once: in a transaction that is rolled back
    after the module's last test. Each test (django_db, not transaction=True) runs in a
    savepoint inside it, so what a test writes is still undone after that test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _clear_cache(request):
    """Rate-limit counters live in the cache (a database table in tests); every test that
    uses the database starts with none. A test without the database gets none."""
    if request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")
        cache.clear()
        httpcache.pages.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(request):
    """Hashing a password the production way takes a large part of a second by design;
    tests that sign in or create accounts would spend minutes on it. The cluster tests
    keep the real hashers: their gunicorn instances check the passwords made here."""
    if request.node.get_closest_marker("cluster"):
        yield
        return
    fast = "django.contrib.auth.hashers.MD5PasswordHasher"
    with override_settings(PASSWORD_HASHERS=[fast, *settings.PASSWORD_HASHERS]):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    # A request to /es/ activates Spanish in the test's thread; later tests start in English.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _mail_to_memory(settings):
    """The test runner swaps MAILERS for the in-memory backend; keep it explicit."""
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture(autouse=True)
def _fast_public_forms(settings):
    # Tests post forms at once; the minimum fill time is tested on its own.
    settings.PUBLIC_FORM_MIN_SECONDS = 0


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving static files the way production does.

    Its default static handler looks files up by their source names and so
    answers 404 for the hashed names the manifest storage puts in pages: browser
    tests would then check unstyled pages. Here WhiteNoise serves the collected
    files (make test runs collectstatic first), exactly as under gunicorn.
    """
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or "localhost"
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda handler: handler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def csp_violations(page):
    """Collects Content-Security-Policy violations the page reports in its console."""
    found = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return found


def axe_violations(page, context=None, tags=AXE_TAGS) -> list[dict]:
    """axe-core's violations on the page as it is now (WCAG A and AA by default).

    Only the violations come back from the browser: axe's passes and inapplicable
    rules, which the library's Axe().run() also returns, are never serialised."""
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    return page.evaluate(
        "([context, options]) => axe.run(context || document, options)"
        ".then(results => results.violations)",
        [context, options],
    )


def _described(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
    ]


def assert_accessible(page, context=None):
    violations = axe_violations(page, context)
    assert not violations, f"axe found {len(violations)} violations on {page.url}:\n" + "\n".join(
        _described(violations)
    )


def page_problems(page, url: str, lang: str, csp_found: list[str]) -> list[str]:
    """Open `url` and say what is wrong with it: not in `lang`, axe's violations, or the
    Content-Security-Policy reports it caused (`csp_found` is the csp_violations list).
    A test that scans several pages collects every page's problems and fails once."""
    before = len(csp_found)
    response = page.goto(url)
    problems = (
        [] if response and response.ok else [f"{url}: answered {response and response.status}"]
    )
    if page.locator("html").get_attribute("lang") != lang:
        problems.append(f"{url}: <html lang> is not {lang}")
    problems += [f"{url}: {text}" for text in _described(axe_violations(page))]
    return problems + [f"{url}: {text}" for text in csp_found[before:]]


@pytest.fixture
def axe():
    return assert_accessible
