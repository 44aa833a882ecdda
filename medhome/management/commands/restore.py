"""Put a `manage.py backup` archive back: the database, then every uploaded file.

    manage.py restore var/backups/portal-2026-12-01.tar

The database named by the settings (DATABASE_URL) is replaced: PostgreSQL through
pg_restore --clean (point DATABASE_URL at a fresh, empty database to restore beside
the live one), SQLite by copying the saved file over. Files are written through the
storage layer under their original names. Stop the site and the worker first.
"""

import json
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import IO

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from medhome.backups import STORAGE_NAMES, pg_env, pg_tool


def _member(tar: tarfile.TarFile, member: str | tarfile.TarInfo) -> IO[bytes]:
    """A regular file of the archive, opened; a CommandError for anything else."""
    opened = tar.extractfile(member)
    if opened is None:
        raise CommandError(f"The archive's {member} is not a regular file.")
    return opened


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a `manage.py backup` archive"

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive")

    def handle(self, *, archive, **options) -> None:
        with tarfile.open(archive, "r") as tar, tempfile.TemporaryDirectory() as scratch:
            manifest = json.load(_member(tar, "manifest.json"))
            if manifest["vendor"] != connection.vendor:
                raise CommandError(
                    f"The archive holds a {manifest['vendor']} database; "
                    f"the settings name a {connection.vendor} one."
                )
            tar.extract("database", scratch, filter="data")
            dump = Path(scratch) / "database"
            if connection.vendor == "postgresql":
                connection.close()
                subprocess.run(  # noqa: S603 - our own arguments, no shell
                    [
                        pg_tool("pg_restore"),
                        "--clean",
                        "--if-exists",
                        "--no-owner",
                        "--single-transaction",
                        "--dbname",
                        connection.settings_dict["NAME"],
                        str(dump),
                    ],
                    env=pg_env(connection.settings_dict),
                    check=True,
                )
            else:
                connection.ensure_connection()
                with sqlite3.connect(dump) as saved:
                    saved.backup(connection.connection)
                connection.close()
            files = 0
            for member in tar.getmembers():
                if not member.isfile() or not member.name.startswith("files/"):
                    continue
                _, storage_name, name = member.name.split("/", 2)
                if storage_name not in STORAGE_NAMES:
                    continue
                storage = storages[storage_name]
                if storage.exists(name):
                    storage.delete(name)
                stored = storage.save(name, ContentFile(_member(tar, member).read()))
                if stored != name:
                    raise CommandError(f"{name} was stored as {stored}.")
                files += 1
        self.stdout.write(f"Restored the {connection.vendor} database and {files} files.")
