"""Measure every public page against the two ceilings, in one run, with wrk.

Called by bench/run.sh once the private PostgreSQL is seeded (DATABASE_URL and
the production-like environment are set there). It starts gunicorn on
bench.wsgi (the site plus the ceilings), then for each page: waits for the load
average to settle and prints it, probes the page once in-process for its status,
queries and bytes, runs wrk for a warm-up whose figures are thrown away, runs wrk
again for the figures, and measures ceiling B after it. A page's ratio is its
requests per second over the mean of the B runs just before and just after it,
so a noisy neighbour moves both sides of the ratio.

Results go to bench/results/latest.json and latest.md, and the table between the
markers in docs/BENCHMARK.md is replaced. It fails on nothing: a page that
errors is recorded with its status.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import get_commands  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from medhome import httpcache  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "9300"))
DURATION = int(os.environ.get("DURATION", "5"))
WARMUP = int(os.environ.get("WARMUP", "2"))
B_DURATION = int(os.environ.get("B_DURATION", str(DURATION)))
SETTLE_LOAD = float(os.environ.get("SETTLE_LOAD", "1.0"))
SETTLE_MAX = float(os.environ.get("SETTLE_MAX", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ONLY = os.environ.get("BENCH_ONLY", "")
SEND = os.environ.get("BENCH_SEND", "true") != "false"
# A page slower than this for one request is timed with single requests, not wrk:
# sixteen connections on it would queue minutes of work behind every later page.
SLOW_SECONDS = float(
    os.environ.get("SLOW_SECONDS", "3")
)  # a regular expression on page names, for quick runs
BASE = f"http://127.0.0.1:{PORT}"
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "BENCHMARK.md"

# The targets of issue 12, as ratios to ceiling B measured in the same run.
TARGETS = {"detail": 0.6, "list": 0.5, "library": 0.35, "search": 0.25}
MAX_QUERIES = 8
MAX_BYTES = 100 * 1024
MAX_WORKER_MIB = 150
SEND_MINUTES, SEND_MIB = 10, 200


def pages() -> list[tuple[str, str, str]]:
    """(name, path, target class) for every public page type, in both languages."""
    from faq.models import Category, Question
    from mentorship.models import Mentor
    from newsletter.models import Issue
    from resources.models import Resource

    resource = (
        Resource.objects.published().filter(slug="bench-resource-0").first()
        or Resource.objects.published().order_by("pk").first()
    )
    mentor = Mentor.objects.published().order_by("pk").first()
    issue = Issue.objects.published().order_by("-issue_date").first()
    published = Q(questions__status="published")
    category = (
        Category.objects.annotate(n=Count("questions", filter=published)).order_by("-n").first()
    )
    question = Question.objects.published().filter(category=category).order_by("pk").first()
    queries = {
        "en": {"library": "care+coordination", "faq": "care+plan", "site": "family+plan"},
        "es": {"library": "coordinacion", "faq": "plan+de+cuidado", "site": "plan+familiar"},
    }
    found = []
    for lang in ("en", "es"):
        q = queries[lang]
        with translation.override(lang):
            library = reverse("resources:list")
            rows = [
                ("home", reverse("home"), "list"),
                ("about", reverse("page", kwargs={"slug": "about"}), "detail"),
                ("contact", reverse("contact"), "detail"),
                ("FAQ index", reverse("faq:index"), "library"),
                ("FAQ search", f"{reverse('faq:index')}?q={q['faq']}", "library"),
                ("FAQ category", category.get_absolute_url() if category else None, "detail"),
                ("FAQ question", _question_url(question), "detail"),
                ("library unfiltered", library, "library"),
                ("library filtered", f"{library}?topic=topic-3&language=es&sort=newest", "library"),
                ("library full-text", f"{library}?q={q['library']}", "library"),
                ("resource", resource.get_absolute_url() if resource else None, "detail"),
                ("audience", reverse("audience", kwargs={"slug": "families"}), "list"),
                ("site search", f"{reverse('search')}?q={q['site']}", "search"),
                ("map", reverse("mentorship:map"), "list"),
                ("table", f"{reverse('mentorship:map')}?view=table", "list"),
                ("state", reverse("mentorship:state", kwargs={"code": "mn"}), "detail"),
                ("mentors", reverse("mentorship:mentor_list"), "list"),
                ("mentors filtered", f"{reverse('mentorship:mentor_list')}?setting=fqhc&q=care", "list"),
                ("mentor", mentor.get_absolute_url() if mentor else None, "detail"),
                ("match", f"{reverse('mentorship:match')}?setting=fqhc&community_type=rural", "search"),
                ("newsletter archive", reverse("newsletter:index"), "list"),
                ("issue", issue.get_absolute_url() if issue else None, "detail"),
            ]  # fmt: skip
        found += [(f"{name} {lang.upper()}", path, kind) for name, path, kind in rows if path]
    if ONLY:
        found = [row for row in found if re.search(ONLY, row[0])]
    return found


def _question_url(question):
    if question is None:
        return None
    try:
        return reverse("faq:question", kwargs={"slug": question.slug})
    except NoReverseMatch:
        return None  # no page of its own yet: the category page carries it


# -- measuring -------------------------------------------------------------------
def loadavg() -> float:
    return os.getloadavg()[0]


def settle() -> float:
    """Wait (at most SETTLE_MAX seconds) for the 1-minute load average to drop to
    SETTLE_LOAD; the machine is shared, so it may never get there."""
    deadline = time.monotonic() + SETTLE_MAX
    while loadavg() > SETTLE_LOAD and time.monotonic() < deadline:
        time.sleep(1)
    return round(loadavg(), 2)


def _ms(value: str) -> float:
    found = re.match(r"[\d.]+", value)
    assert found, value
    number = float(found.group())
    if value.endswith("us"):
        return round(number / 1000, 2)
    if value.endswith("ms"):
        return round(number, 2)
    if value.endswith("m"):
        return round(number * 60_000, 1)
    return round(number * 1000, 1)  # seconds


def wrk(path: str, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "30s", "--latency", BASE + path],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    if not rps or float(rps.group(1)) == 0:
        print(f"    wrk {path}: no answers\n{out}", flush=True)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": _ms(p50.group(1)) if p50 else None,
        "p99_ms": _ms(p99.group(1)) if p99 else None,
        "errors": (int(bad.group(1)) if bad else 0) + (int(timeouts.group(1)) if timeouts else 0),
    }


def probe(path: str) -> dict:
    """Status, bytes and queries of anonymous requests made in-process, each one
    rendered (the page store emptied before it): the first (this process's caches
    cold), then three warm ones, whose median time is the page's cost to make when
    the store does not have it. `stored`: whether the page store keeps it."""
    client = Client(HTTP_HOST="127.0.0.1")
    counts, times, response = [], [], None
    for _ in range(4):
        httpcache.pages.clear()
        started = time.monotonic()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        times.append(time.monotonic() - started)
        counts.append(len(captured.captured_queries))
    assert response is not None
    body = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content
    )
    warm = sorted(times[1:])
    return {
        "status": response.status_code,
        "bytes": len(body),
        "queries_first": counts[0],
        "queries": max(counts[1:]),
        "seconds_in_process": round(warm[1], 3),
        "render_ms": round(warm[1] * 1000, 1),
        "stored": len(httpcache.pages) == 1,
    }


def sequential(path: str, count: int = 3) -> dict:
    """For pages too slow for wrk: a few requests one after the other."""
    times = []
    for _ in range(count):
        started = time.monotonic()
        try:
            _get(path, timeout=120)
        except OSError:
            return {"rps": 0.0, "p50_ms": None, "p99_ms": None, "errors": 1, "slow": True}
        times.append(time.monotonic() - started)
    times.sort()
    return {
        "rps": round(len(times) / sum(times), 2),
        "p50_ms": round(times[len(times) // 2] * 1000, 1),
        "p99_ms": round(times[-1] * 1000, 1),
        "errors": 0,
        "slow": True,
    }


def drain() -> None:
    """Wait (at most 2 minutes) until the server answers at once again."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            _get("/livez", timeout=10)
            if time.monotonic() - started < 0.5:
                return
        except OSError:
            pass
        time.sleep(1)


def ceiling(path: str, seconds: int) -> dict:
    result = wrk(path, seconds)
    print(f"    ceiling {path}: {result['rps']:.0f} req/s", flush=True)
    return result


def worker_rss_mib(master: int) -> list[float]:
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(master)], capture_output=True, text=True, check=False
    ).stdout
    return [round(int(kb) / 1024, 1) for kb in out.split()]


def optional_send() -> dict | None:
    script = ROOT / "bench" / "send.py"
    if not script.exists():
        return None
    print("send benchmark (bench/send.py)", flush=True)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    for line in reversed(done.stdout.splitlines()):
        if line.strip().startswith("{"):
            figures = json.loads(line)
            minutes = figures.get("seconds", 1e9) / 60
            figures["met"] = minutes < SEND_MINUTES and figures.get("peak_rss_mib", 1e9) < SEND_MIB
            return figures
    return {"error": (done.stderr or done.stdout)[-2000:]}


def optional_relevance() -> dict | None:
    if "search_relevance" not in get_commands():
        return None
    done = subprocess.run(
        [sys.executable, "manage.py", "search_relevance", "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    try:
        return json.loads(done.stdout)
    except ValueError:
        return {"error": (done.stderr or done.stdout)[-2000:]}


# -- the run -----------------------------------------------------------------------
def start_gunicorn() -> subprocess.Popen:
    args = [str(ROOT / ".venv" / "bin" / "gunicorn"), "bench.wsgi:application"]
    if (ROOT / "gunicorn.conf.py").exists():  # the production configuration, when there is one
        args += ["-c", str(ROOT / "gunicorn.conf.py")]
    args += ["--bind", f"127.0.0.1:{PORT}", "--workers", str(WORKERS), "--log-level", "warning"]
    server = subprocess.Popen(args, cwd=ROOT, start_new_session=True)
    for _ in range(100):
        try:
            if _get("/livez") == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    return server


def _get(path: str, timeout: float = 5) -> int:
    import urllib.request

    with urllib.request.urlopen(BASE + path, timeout=timeout) as response:  # noqa: S310 (loopback)
        response.read()
        return response.status


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing (bench/run.sh installs it)")
    started = datetime.now(UTC)
    page_list = pages()
    server = start_gunicorn()
    try:
        results = run(server, page_list)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    results["send"] = optional_send() if SEND else {"skipped": True}
    results["search_relevance"] = optional_relevance()
    results["started"] = started.isoformat(timespec="seconds")
    results["minutes"] = round((datetime.now(UTC) - started).total_seconds() / 60, 1)
    write(results)


def run(server, page_list) -> dict:
    print(f"load average at start: {loadavg():.2f} ({os.cpu_count()} cores)", flush=True)
    for path in ("/__bench/a", "/__bench/b/"):
        wrk(path, WARMUP)
    a_runs = [ceiling("/__bench/a", B_DURATION)]
    b_probe = probe("/__bench/b/")
    b_runs = [ceiling("/__bench/b/", B_DURATION)]
    rows = []
    for name, path, kind in page_list:
        load = settle()
        print(f"{name}: {path} (load {load:.2f})", flush=True)
        row = {"name": name, "path": path, "target_class": kind, "target": TARGETS[kind]}
        row.update(probe(path))
        if row["seconds_in_process"] > SLOW_SECONDS:
            row.update(sequential(path))
        else:
            wrk(path, WARMUP)
            row.update(wrk(path, DURATION))
            drain()
        row["load_before"] = load
        b_before = b_runs[-1]["rps"]
        b_runs.append(ceiling("/__bench/b/", B_DURATION))
        b_after = b_runs[-1]["rps"]
        b_mean = (b_before + b_after) / 2
        row["b_before"], row["b_after"] = b_before, b_after
        row["ratio_b"] = round(row["rps"] / b_mean, 3) if b_mean else 0.0
        row["met"] = {
            "ratio": row["ratio_b"] >= row["target"],
            "queries": row["queries"] <= MAX_QUERIES and row["queries_first"] <= MAX_QUERIES,
            "bytes": row["bytes"] <= MAX_BYTES,
        }
        print(
            f"    {row['rps']:.1f} req/s, p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, "
            f"{row['queries']} queries ({row['queries_first']} cold), {row['bytes']:,} bytes, "
            f"{row['ratio_b']} x B (target {row['target']})",
            flush=True,
        )
        rows.append(row)
    a_runs.append(ceiling("/__bench/a", B_DURATION))
    rss = worker_rss_mib(server.pid)
    b_values = [run["rps"] for run in b_runs]
    return {
        "scale": float(os.environ.get("SCALE", "1")),
        "setup": {
            "gunicorn": f"{WORKERS} sync workers, bench.wsgi (medhome.wsgi plus the ceilings)",
            "wrk": f"2 threads, 16 connections, {DURATION} s after a {WARMUP} s warm-up",
            "cores": os.cpu_count(),
            "settle": f"up to {SETTLE_MAX:.0f} s for a 1-minute load average of {SETTLE_LOAD}",
        },
        "ceilings": {
            "A": {
                "rps": round(sum(r["rps"] for r in a_runs) / len(a_runs), 1),
                "runs": [r["rps"] for r in a_runs],
            },
            "B": {
                "rps": round(sum(b_values) / len(b_values), 1),
                "min": min(b_values),
                "max": max(b_values),
                "runs": b_values,
                "queries": b_probe["queries"],
                "bytes": b_probe["bytes"],
            },
        },
        "pages": rows,
        "memory": {
            "workers_rss_mib": rss,
            "max_worker_rss_mib": max(rss) if rss else None,
            "target_mib": MAX_WORKER_MIB,
            "met": bool(rss) and max(rss) <= MAX_WORKER_MIB,
        },
    }


# -- reporting ---------------------------------------------------------------------
def yes(flag: bool) -> str:
    return "met" if flag else "**not met**"


def markdown(results: dict) -> str:
    a, b = results["ceilings"]["A"], results["ceilings"]["B"]
    lines = [
        (
            f"Run of {results['started']} at scale {results['scale']:g}, {results['minutes']} minutes. "
            f"Ceiling A {a['rps']:,.0f} req/s; ceiling B {b['rps']:,.0f} req/s "
            f"(from {b['min']:,.0f} to {b['max']:,.0f} over the run; {b['queries']} queries, "
            f"{b['bytes']:,} bytes)."
        ),
        "",
        "| page | path | req/s | p50 ms | p99 ms | render ms | stored | queries (cold) | bytes | ÷ B | target | ratio | ≤ 8 queries | ≤ 100 KB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["pages"]:
        met = row["met"]
        status = "" if row["status"] == 200 else f" ({row['status']})"
        lines.append(
            f"| {row['name']}{status} | `{row['path']}` | {row['rps']:,.1f} | {row['p50_ms']} | "
            f"{row['p99_ms']} | {row.get('render_ms', '')} | {'yes' if row.get('stored') else 'no'} | "
            f"{row['queries']} ({row['queries_first']}) | {row['bytes']:,} | "
            f"{row['ratio_b']:.3f} | {row['target']} | {yes(met['ratio'])} | "
            f"{yes(met['queries'])} | {yes(met['bytes'])} |"
        )
    memory = results["memory"]
    lines += [
        "",
        (
            f"Gunicorn workers' resident memory after the run: {memory['workers_rss_mib']} MiB "
            f"(target ≤ {memory['target_mib']} MiB each: {yes(memory['met'])})."
        ),
    ]
    send = results.get("send")
    if send and "seconds" in send:
        lines.append(
            f"Sending one issue to {send['subscribers']:,} subscribers: {send['seconds']:.0f} s, "
            f"peak {send['peak_rss_mib']} MiB (target under {SEND_MINUTES} minutes and "
            f"{SEND_MIB} MiB: {yes(send['met'])})."
        )
    else:
        why = "skipped (BENCH_SEND=false)" if send and send.get("skipped") else "failed"
        lines.append("Sending: " + ("not measured (no bench/send.py)" if not send else why))
    every = (
        all(all(row["met"].values()) and row["status"] == 200 for row in results["pages"])
        and memory["met"]
        and bool(send and send.get("met"))
    )
    lines.append(f"Every target: {yes(every)}.")
    return "\n".join(lines) + "\n"


def write(results: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    table = markdown(results)
    (RESULTS / "latest.md").write_text(table)
    print("\n" + table)
    begin, end = "<!-- bench:latest:begin -->", "<!-- bench:latest:end -->"
    if DOC.exists():
        text = DOC.read_text()
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            DOC.write_text(f"{head}{begin}\n{table}{end}{rest.split(end, 1)[1]}")
    print(f"results: {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
