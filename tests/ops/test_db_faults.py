"""A real PostgreSQL stopped, started and frozen under a running site (gunicorn,
production settings). Figures are written to var/ops-figures.txt for the report;
nothing here asserts on time."""

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.ops.conftest import Gunicorn, production_env

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

PAGES = ["/en/", "/en/resources/", "/en/faq/", "/es/"]


def _record(line: str) -> None:
    with (Path(settings.BASE_DIR) / "var" / "ops-figures.txt").open("a") as figures:
        figures.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {line}\n")


@pytest.fixture
def site(private_postgres):
    private_postgres.copy_schema_from(connection.settings_dict)
    server = Gunicorn(
        production_env(
            DATABASE_URL=private_postgres.url,
            CONN_MAX_AGE=60,
            DB_STATEMENT_TIMEOUT_MS=2000,
            DB_CLIENT_TIMEOUT=3,
            DB_CONNECT_TIMEOUT=2,
        )
    )
    yield server
    server.stop()


def _until_ok(site, path, tries=60):
    start = time.monotonic()
    for _ in range(tries):
        status, *_ = site.get(path)
        if status == 200:
            return time.monotonic() - start
        time.sleep(0.5)
    raise AssertionError(f"{path} did not recover")


def test_a_stopped_database_gives_503_with_retry_after_and_the_site_recovers(
    site, private_postgres
):
    for path in [*PAGES, "/readyz"]:
        assert site.get(path)[0] == 200, path

    private_postgres.stop()
    slowest = 0.0
    for path in PAGES:
        status, headers, body, seconds = site.get(path)
        assert status == 503, path
        assert headers["Retry-After"] == str(settings.DB_RETRY_AFTER)
        assert "briefly unavailable" in body or "no está disponible" in body
        slowest = max(slowest, seconds)
    status, headers, _, _ = site.get("/readyz")
    assert status == 503
    assert headers["Retry-After"]
    spanish = site.get("/es/")[2]
    assert 'lang="es"' in spanish

    private_postgres.start()
    recovery = _until_ok(site, "/en/")
    for path in [*PAGES, "/readyz"]:
        assert site.get(path)[0] == 200, path
    _record(
        f"database stopped: slowest 503 {slowest:.3f} s; recovery after start {recovery:.2f} s"
    )


def test_a_frozen_database_is_answered_within_the_timeout(site, private_postgres):
    assert site.get("/en/")[0] == 200  # the worker now holds a persistent connection
    private_postgres.freeze()
    try:
        status, headers, _, seconds = site.get("/en/resources/", timeout=60)
        assert status == 503
        assert headers["Retry-After"]
        status, _, _, seconds_readyz = site.get("/readyz", timeout=60)
        assert status == 503
    finally:
        private_postgres.thaw()
    recovery = _until_ok(site, "/en/resources/")
    _record(
        f"database frozen: page answered 503 in {seconds:.2f} s, /readyz in "
        f"{seconds_readyz:.2f} s (client timeout 3 s); recovery after thaw {recovery:.2f} s"
    )


def test_make_run_settings_serve_our_404_and_uploads(tmp_path):
    media = tmp_path / "media"
    (media / "states" / "plans").mkdir(parents=True)
    (media / "states" / "plans" / "plan.pdf").write_bytes(b"%PDF-1.4 plan")
    server = Gunicorn(
        production_env(
            DATABASE_URL=_database_url(), MEDIA_ROOT=media, PORT=8123, DB_STATEMENT_TIMEOUT_MS=0
        )
    )
    try:
        status, headers, body, _ = server.get("/en/no-such-page/deeper/")
        assert status == 404
        assert "We could not find that page" in body
        assert "URLconf" not in body  # not Django's debug page
        status, headers, body, _ = server.get("/media/states/plans/plan.pdf")
        assert status == 200
        assert headers["Content-Type"] == "application/pdf"
        assert body == "%PDF-1.4 plan"
        status, _, body, _ = server.get("/en/")
        assert status == 200
        assert '<link rel="canonical" href="http://127.0.0.1:8123/en/">' in body
    finally:
        server.stop()


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
