"""Dump the database and every uploaded file (public and private) into one archive.

    manage.py backup var/backups/portal-2026-12-01.tar

PostgreSQL is dumped with pg_dump (custom format, consistent snapshot while the site
runs); SQLite with its online backup API. Files are read through the storage layer,
so a bucket is backed up like a folder. `manage.py restore` reads the archive back.
"""

import io
import json
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from django.db import connection

from medhome.backups import STORAGE_NAMES, pg_env, pg_tool, walk


class Command(BaseCommand):
    help = "Write the database and all uploaded files to one .tar archive"

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="the .tar file to write")

    def handle(self, *, archive, **options) -> None:
        target = Path(archive)
        target.parent.mkdir(parents=True, exist_ok=True)
        vendor = connection.vendor
        files = 0
        with tempfile.TemporaryDirectory() as scratch, tarfile.open(target, "w") as tar:
            dump = Path(scratch) / "database"
            if vendor == "postgresql":
                subprocess.run(  # noqa: S603 - our own arguments, no shell
                    [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump)],
                    env=pg_env(connection.settings_dict),
                    check=True,
                )
            else:
                connection.ensure_connection()
                with sqlite3.connect(dump) as copy:
                    connection.connection.backup(copy)
            tar.add(dump, arcname="database")
            for storage_name in STORAGE_NAMES:
                storage = storages[storage_name]
                for name in walk(storage):
                    with storage.open(name, "rb") as handle:
                        data = handle.read()
                    info = tarfile.TarInfo(f"files/{storage_name}/{name}")
                    info.size = len(data)
                    info.mtime = int(time.time())
                    tar.addfile(info, io.BytesIO(data))
                    files += 1
            manifest = json.dumps({"vendor": vendor, "files": files}).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            tar.addfile(info, io.BytesIO(manifest))
        self.stdout.write(f"Wrote {target}: the {vendor} database and {files} files.")
