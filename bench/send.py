"""The newsletter send benchmark: one issue to N subscribers into a local SMTP sink.

    DATABASE_URL=postgres://... .venv/bin/python bench/send.py --subscribers 100000

Seeds N confirmed subscribers (four in five English, one in five Spanish) on the
database DATABASE_URL names (migrating it first), replacing the ones an earlier run
seeded, starts an SMTP sink on loopback in its own process, then sends one issue with
the production sending code (`newsletter.services.issue_send`) in a worker process of
its own, and prints one line of JSON:

    {"subscribers": N, "seconds": S, "peak_rss_mib": M, "worker_cpu_seconds": C,
     "received": R, "sent": N}

`seconds` is the send itself (queueing included, process start-up not); `peak_rss_mib`
is the worker process's peak resident memory (VmHWM); `worker_cpu_seconds` its CPU time
(the fairer figure on a busy machine); `received` is what the sink got.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DOMAIN = "bench-send.example.org"
BENCH_SLUG = "bench-send-issue"


def _django(smtp_port: int | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medhome.settings")
    os.environ.setdefault("SECRET_KEY", "bench-not-secret")
    os.environ.setdefault("DEBUG", "false")
    if smtp_port is not None:
        os.environ.update(EMAIL_MODE="smtp", SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp_port))
        os.environ.update(SMTP_USER="", SMTP_PASSWORD="", SMTP_STARTTLS="false")
    import django

    django.setup()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_sink(port: int, count_file: str) -> None:
    """An SMTP server that accepts and counts every message, writing the count on exit."""
    import logging
    import signal

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per command otherwise

    class Counter:
        received = 0

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            Counter.received += 1
            return "250 OK"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    stopped = []
    signal.signal(signal.SIGTERM, lambda *_: stopped.append(1))
    while not stopped:
        time.sleep(0.1)
    controller.stop()
    Path(count_file).write_text(str(Counter.received))


def seed(count: int) -> int:
    """N confirmed subscribers and one published issue; returns the issue's id."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from medhome.models import Status
    from newsletter.models import Issue, IssueSection, Subscriber, SubscriberStatus

    call_command("migrate", verbosity=0)
    Issue.objects.filter(slug=BENCH_SLUG).delete()
    Subscriber.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
    now = timezone.now()
    chunk = 5000
    for start in range(0, count, chunk):
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"reader{n}@{BENCH_DOMAIN}",
                language="es" if n % 5 == 4 else "en",
                status=SubscriberStatus.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(start, min(start + chunk, count))
        )
    issue = Issue.objects.create(
        title_en="Benchmark issue",
        title_es="Número de prueba",
        slug=BENCH_SLUG,
        intro_en="A short note for the **benchmark**.",
        intro_es="Una nota breve para la **prueba**.",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=1),
    )
    for n in range(6):
        IssueSection.objects.create(
            issue=issue,
            heading_en=f"News item {n}",
            heading_es=f"Noticia {n}",
            text_en="Care coordination in practice: " + "a paragraph of news. " * 20,
            text_es="La coordinación del cuidado: " + "un párrafo de noticias. " * 20,
            url="https://example.org/news",
            order=n,
        )
    return issue.pk


def send(issue_id: int) -> None:
    """The worker's side: send the issue, print seconds and peak memory as JSON."""
    from newsletter import services

    start, cpu = time.monotonic(), time.process_time()
    progress = services.issue_send(issue_id=issue_id)
    seconds, cpu = time.monotonic() - start, time.process_time() - cpu
    peak_kib = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak_kib = int(line.split()[1])
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_kib": peak_kib, "progress": progress}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--sink", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sink-count-file", help=argparse.SUPPRESS)
    parser.add_argument("--send", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--smtp-port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.sink:
        run_sink(args.sink, args.sink_count_file)
        return
    if args.send:
        _django(args.smtp_port)
        send(args.send)
        return

    _django()
    issue_id = seed(args.subscribers)
    port = _free_port()
    count_file = f"/tmp/medhome-bench-sink-{port}.count"  # noqa: S108 - a private scratch file
    sink = subprocess.Popen(
        [sys.executable, __file__, "--sink", str(port), "--sink-count-file", count_file]
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        worker = subprocess.run(
            [sys.executable, __file__, "--send", str(issue_id), "--smtp-port", str(port)],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        sink.terminate()
        sink.wait(timeout=30)
    if worker.returncode != 0:
        sys.stderr.write(worker.stderr)
        sys.exit(worker.returncode)
    result = json.loads(worker.stdout.strip().splitlines()[-1])
    received = int(Path(count_file).read_text())
    Path(count_file).unlink()
    print(
        json.dumps(
            {
                "subscribers": args.subscribers,
                "seconds": round(result["seconds"], 1),
                "peak_rss_mib": round(result["peak_kib"] / 1024, 1),
                "worker_cpu_seconds": round(result["cpu"], 1),
                "received": received,
                "sent": result["progress"]["sent"],
            }
        )
    )


if __name__ == "__main__":
    main()
