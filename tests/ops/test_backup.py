"""Backup and restore round trip: every row of every table, and every uploaded file."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.newsletter.factories import IssueSectionFactory, SubscriberFactory
from tests.ops.conftest import pg_bin

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _manage(env: dict, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{name}"


def _rows(cursor, table: str):
    cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
    return sorted(map(repr, cursor.fetchall()))


def test_backup_and_restore_into_a_fresh_database_keep_every_row_and_file(tmp_path):
    import psycopg2

    from tests.mentorship.factories import StateFactory  # noqa: F401 - some content
    from tests.resources.factories import ResourceFactory

    IssueSectionFactory.create_batch(3)
    SubscriberFactory.create_batch(5)
    ResourceFactory.create_batch(4)
    source_media, target_media = tmp_path / "a" / "media", tmp_path / "b" / "media"
    (source_media / "states" / "plans").mkdir(parents=True)
    (source_media / "states" / "plans" / "plan.pdf").write_bytes(b"%PDF-1.4 plan")
    (source_media.parent / "private" / "submissions").mkdir(parents=True)
    (source_media.parent / "private" / "submissions" / "s.pdf").write_bytes(b"%PDF private")

    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "MEDIA_ROOT"))
    }
    archive = tmp_path / "backup.tar"
    source = connection.settings_dict["NAME"]
    _manage(
        {**base, "DATABASE_URL": _url(source), "MEDIA_ROOT": str(source_media)},
        "backup",
        str(archive),
    )

    fresh = f"{source}_restored"
    psql = [str(pg_bin() / "psql"), "-q", _url("postgres")]
    subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{fresh}"'], check=True)
    subprocess.run([*psql, "-c", f'CREATE DATABASE "{fresh}"'], check=True)
    try:
        _manage(
            {**base, "DATABASE_URL": _url(fresh), "MEDIA_ROOT": str(target_media)},
            "restore",
            str(archive),
        )
        tables = connection.introspection.table_names()
        s = connection.settings_dict
        with (
            psycopg2.connect(host=s["HOST"], port=s["PORT"], user=s["USER"], dbname=fresh) as copy,
            connection.cursor() as original,
            copy.cursor() as restored,
        ):
            compared = 0
            for table in tables:
                assert _rows(original, table) == _rows(restored, table), table
                compared += 1
            assert compared > 20
        copy.close()
    finally:
        subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{fresh}"'], check=True)

    assert (target_media / "states" / "plans" / "plan.pdf").read_bytes() == b"%PDF-1.4 plan"
    assert (target_media.parent / "private" / "submissions" / "s.pdf").read_bytes() == (
        b"%PDF private"
    )
    assert not (target_media / "submissions").exists()  # private stays private
