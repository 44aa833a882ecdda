"""Profile every public page with single in-process requests (no load generator):
status, queries (first and warm), bytes and milliseconds per page. Cheap enough to
run on a shared machine while changing code; `make bench` gives the real figures.

    DATABASE_URL=... .venv/bin/python bench/probe.py [regex on page names] [--profile]
"""

import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.run import pages  # noqa: E402


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only = args[0] if args else ""
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path, _kind in pages():
        if only and not re.search(only, name):
            continue
        timings, counts, response = [], [], None
        for _ in range(3):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            counts.append(len(captured.captured_queries))
        if "--sql" in sys.argv:
            for q in captured.captured_queries:
                print("   ", q["time"], q["sql"][:300])
        assert response is not None
        print(
            f"{name:24} {response.status_code} q={counts[0]}/{counts[-1]} "
            f"{len(response.content) / 1024:8.1f} KB  first {timings[0]:7.1f} ms  "
            f"warm {min(timings[1:]):7.1f} ms  {path}",
            flush=True,
        )


if __name__ == "__main__":
    main()
