"""Helpers of the backup and restore commands."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

# The storages whose files a backup holds: public documents and private submissions.
STORAGE_NAMES = ("default", "private")


def walk(storage, folder: str = "") -> Iterator[str]:
    """Every file name in a storage, recursively (works for folders and buckets)."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from walk(storage, f"{folder}/{directory}" if folder else directory)


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: the newest server's own, else the one on PATH."""
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parent.parent.name)
    )
    if found:
        return str(found[-1])
    return shutil.which(name) or name


def pg_env(settings_dict: dict) -> dict:
    return {
        **os.environ,
        "PGHOST": settings_dict["HOST"] or "",
        "PGPORT": str(settings_dict["PORT"] or ""),
        "PGUSER": settings_dict["USER"] or "",
        "PGPASSWORD": settings_dict["PASSWORD"] or "",
        "PGDATABASE": settings_dict["NAME"],
        "PGCONNECT_TIMEOUT": "10",
    }
