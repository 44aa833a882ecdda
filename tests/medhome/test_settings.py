import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from medhome.settings import database_from_url, env_bool, env_list


def test_suite_runs_on_postgresql_when_database_url_points_there():
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("this run uses SQLite on purpose (the smoke run)")
    assert connection.vendor == "postgresql"


@pytest.mark.smoke
def test_env_bool_accepts_only_true_false_one_zero(monkeypatch):
    for raw, expected in [("true", True), ("1", True), ("FALSE", False), ("0", False)]:
        monkeypatch.setenv("X_FLAG", raw)
        assert env_bool("X_FLAG", not expected) is expected
    monkeypatch.setenv("X_FLAG", "yes")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_LIST", " a.org, b.org ,,")
    assert env_list("X_LIST", []) == ["a.org", "b.org"]


def test_database_url_is_parsed_and_other_schemes_refused():
    db = database_from_url("postgres://me:p%40ss@db.local:6543/portal")
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "me", "p@ss", "db.local", "6543", "portal",
    )  # fmt: skip
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x@y/z")


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["DEBUG"] = "false"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "medhome.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_persistent_connections_with_health_checks():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
