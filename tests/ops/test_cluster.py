"""The multi-instance shape (scripts/cluster.sh): nginx, two gunicorn instances, Redis,
two workers and moto's S3 on loopback, over a database of the test cluster. Proves what
must hold across instances. Figures go to var/ops-figures.txt; nothing asserts on time."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.ops.conftest import pg_bin
from tests.resources.files import pdf

pytestmark = [pytest.mark.cluster, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
BASE_PORT = int(os.environ.get("CLUSTER_TEST_PORT", "9430"))
SINK_PORT = BASE_PORT + 9


def _record(line: str) -> None:
    with (ROOT / "var" / "ops-figures.txt").open("a") as figures:
        figures.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {line}\n")


class Sink:
    def __init__(self):
        from aiosmtpd.controller import Controller

        self.recipients = []

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                sink.recipients.extend(envelope.rcpt_tos)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=SINK_PORT)
        self.controller.start()


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    if not (Path("/usr/sbin/nginx").exists() and Path("/usr/bin/redis-server").exists()):
        pytest.skip("nginx and redis-server are installed by make cluster-deps")
    import requests  # noqa: F401 - installed with moto

    with django_db_blocker.unblock():
        source = connection.settings_dict
    db = f"{source['NAME']}_cluster"
    base = f"postgres://{source['USER']}@{source['HOST']}:{source['PORT']}"
    psql = [str(pg_bin() / "psql"), "-q", f"{base}/postgres"]
    subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{db}"'], check=True)
    subprocess.run([*psql, "-c", f'CREATE DATABASE "{db}"'], check=True)
    schema = subprocess.run(
        [str(pg_bin() / "pg_dump"), "--no-owner", f"{base}/{source['NAME']}"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(
        [str(pg_bin() / "psql"), "-q", f"{base}/{db}"],
        input=schema,
        capture_output=True,
        check=True,
    )
    sink = Sink()
    state_dir = tmp_path_factory.mktemp("cluster")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST", "DB_", "SITE_URL", "DEBUG", "SECRET_KEY"))
    }
    env.update(
        CLUSTER_PORT=str(BASE_PORT),
        CLUSTER_DIR=str(state_dir),
        CLUSTER_DEMO="0",
        # Its own static files: cluster.sh collects them, and rewriting the shared
        # var/static would pull files from under the suite running beside it.
        STATIC_ROOT=str(state_dir / "static"),
        DATABASE_URL=f"{base}/{db}",
        SMTP_PORT=str(SINK_PORT),
        PUBLIC_POST_RATE_LIMIT="4/h",
        PUBLIC_FORM_MIN_SECONDS="0",
        NEWSLETTER_CLAIM_SECONDS="30",
    )
    process = subprocess.Popen(
        ["scripts/cluster.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = []
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()
    for _ in range(600):
        if (state_dir / "state").exists() or process.poll() is not None:
            break
        time.sleep(0.5)
    if not (state_dir / "state").exists():
        process.kill()
        raise AssertionError(b"".join(output).decode(errors="replace")[-3000:])
    env["SECRET_KEY"] = (state_dir / "secret").read_text()
    yield {"process": process, "env": env, "dir": state_dir, "sink": sink, "db": db}
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
    sink.controller.stop()
    subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'], check=False)


def _shell(cluster, code: str) -> str:
    """Python run with the cluster's settings (as an operator's manage.py shell would)."""
    env = {**cluster["env"], "DEBUG": "false", "EMAIL_MODE": "smtp", "SMTP_PORT": str(SINK_PORT)}
    env.update(
        REDIS_URL=f"redis://127.0.0.1:{BASE_PORT + 3}/0",
        S3_BUCKET="medhome-uploads",
        S3_ENDPOINT_URL=f"http://127.0.0.1:{BASE_PORT + 4}",
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID="local",
        S3_SECRET_ACCESS_KEY="local-secret",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def _instance(n: int) -> str:
    return f"http://127.0.0.1:{BASE_PORT + n}"


NGINX = f"http://127.0.0.1:{BASE_PORT}"
# The instances trust one proxy: a direct request names its client like nginx would.
AS_CLIENT = {"X-Forwarded-For": "203.0.113.7"}


def _csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


@pytest.fixture(scope="module")
def staff(cluster):
    _shell(
        cluster,
        "from django.contrib.auth import get_user_model; U = get_user_model(); "
        "U.objects.filter(username='ops').exists() or "
        "U.objects.create_superuser('ops', 'ops@example.org', 'a-long-ops-password-1')",
    )
    return ("ops", "a-long-ops-password-1")


def _current_code(cluster, username: str) -> str:
    """A fresh recovery code for the staff member (enrolled if needed).

    The login form takes a recovery code as its second factor; each is single use,
    like a TOTP code within its 30 seconds, so every sign-in here gets a new one.
    """
    return _shell(
        cluster,
        "from django.contrib.auth import get_user_model; "
        "from django_otp.plugins.otp_static.models import StaticToken; "
        "from medhome.second_factor import enrol; "
        f"u = get_user_model().objects.get(username={username!r}); enrol(u); "
        "t = StaticToken.random_token(); "
        "u.staticdevice_set.get().token_set.create(token=t); print(t)",
    )


def test_a_staff_login_through_one_instance_is_valid_on_the_other(cluster, staff):
    import requests

    browser = requests.Session()
    page = browser.get(f"{_instance(1)}/admin/login/", headers=AS_CLIENT)
    # The form shown by instance 1 is posted to instance 2 (CSRF holds across them).
    response = browser.post(
        f"{_instance(2)}/admin/login/?next=/admin/",
        data={
            "username": staff[0],
            "password": staff[1],
            "otp_token": _current_code(cluster, staff[0]),
            "csrfmiddlewaretoken": _csrf(page.text),
        },
        headers={**AS_CLIENT, "Referer": f"{_instance(2)}/admin/login/"},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    for n in (1, 2):
        admin = browser.get(f"{_instance(n)}/admin/", headers=AS_CLIENT, allow_redirects=False)
        assert admin.status_code == 200, n
    # The language cookie is read the same by both.
    for n in (1, 2):
        root = requests.get(
            f"{_instance(n)}/", cookies={"django_language": "es"}, allow_redirects=False
        )
        assert root.headers["Location"].startswith("/es/")


def test_rate_limits_are_shared_by_the_instances(cluster):
    import requests

    client = {"X-Forwarded-For": "198.51.100.23"}
    statuses = []
    for attempt in range(6):
        session = requests.Session()
        n = 1 + attempt % 2
        # The form comes from one instance and is posted (incomplete) to the other:
        # a valid CSRF token, so only the limit can refuse it.
        page = session.get(f"{_instance(n)}/en/resources/share/", headers=client)
        response = session.post(
            f"{_instance(3 - n)}/en/resources/share/",
            data={"csrfmiddlewaretoken": _csrf(page.text), "title": "Limited"},
            headers={**client, "Referer": f"{_instance(3 - n)}/en/resources/share/"},
            allow_redirects=False,
        )
        statuses.append(response.status_code)
    # 4 an hour for this client, counted in Redis whichever instance answered.
    assert statuses[:4] == [200, 200, 200, 200], statuses
    assert statuses[4:] == [429, 429], statuses
    # Another client still has its own budget.
    assert requests.get(f"{NGINX}/en/resources/share/").status_code == 200


# A whole, valid PDF: uploads are parsed in full before they are accepted.
UPLOADED_PDF = pdf()


def test_a_file_uploaded_through_one_instance_is_served_through_the_other(cluster, staff):
    import requests

    browser = requests.Session()
    form = browser.get(f"{_instance(1)}/en/resources/share/", headers=AS_CLIENT).text
    started = re.search(r'name="started" value="([^"]+)"', form).group(1)
    response = browser.post(
        f"{_instance(2)}/en/resources/share/",
        data={
            "csrfmiddlewaretoken": _csrf(form),
            "started": started,
            "kind": "tool",
            "title": "Cluster upload",
            "description": "A care plan template we use.",
            "name": "Ana",
            "organization": "Clinic",
            "email": "ana@example.org",
            "website": "",
        },
        files={"file": ("plan.pdf", UPLOADED_PDF, "application/pdf")},
        headers={**AS_CLIENT, "Referer": f"{_instance(2)}/en/resources/share/"},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    pk = _shell(
        cluster,
        "from resources.models import Submission; "
        "print(Submission.objects.get(title='Cluster upload').pk)",
    )
    # Private: no public address; staff download it through the other instance.
    page = browser.get(f"{_instance(1)}/admin/login/", headers=AS_CLIENT)
    browser.post(
        f"{_instance(1)}/admin/login/",
        data={
            "username": staff[0],
            "password": staff[1],
            "otp_token": _current_code(cluster, staff[0]),
            "csrfmiddlewaretoken": _csrf(page.text),
        },
        headers={**AS_CLIENT, "Referer": f"{_instance(1)}/admin/login/"},
    )
    download = browser.get(
        f"{_instance(1)}/admin/resources/submission/{pk}/file/", headers=AS_CLIENT
    )
    assert download.status_code == 200
    assert download.content == UPLOADED_PDF
    assert (
        requests.get(
            f"{NGINX}/admin/resources/submission/{pk}/file/", allow_redirects=False
        ).status_code
        == 302
    )

    # A public document in the bucket is served by either instance and through nginx.
    name = _shell(
        cluster,
        "from django.core.files.base import ContentFile; "
        "from django.core.files.storage import default_storage; "
        "print(default_storage.save('states/plans/cluster.pdf', ContentFile(b'%PDF-1.4 public')))",
    )
    for base in (_instance(1), _instance(2), NGINX):
        served = requests.get(f"{base}/media/{name}")
        assert served.status_code == 200
        assert served.content == b"%PDF-1.4 public"
        assert served.headers["Content-Type"] == "application/pdf"


def test_two_workers_send_one_issue_exactly_once(cluster):
    count = 400
    issue = _shell(
        cluster,
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from medhome.models import Status\n"
        "from newsletter.models import Issue, Subscriber\n"
        "from newsletter.tasks import send_issue\n"
        f"Subscriber.objects.bulk_create(Subscriber(email=f'c{{n}}@example.org', status='confirmed', confirmed_at=timezone.now()) for n in range({count}))\n"
        "i = Issue.objects.create(title_en='Cluster', slug='cluster-issue', status=Status.PUBLISHED, publish_at=timezone.now() - timedelta(days=1))\n"
        "send_issue.enqueue(i.pk)\n"
        "print(i.pk)",
    )
    progress = ""
    for _ in range(600):
        progress = _shell(
            cluster,
            f"from newsletter import services; from newsletter.models import Issue; "
            f"print(services.issue_progress(issue=Issue.objects.get(pk={issue})))",
        )
        if "'queued': 0" in progress and "'sent': 0" not in progress:
            break
        time.sleep(1)
    time.sleep(2)  # a last message in flight reaches the sink
    received = Counter(r for r in cluster["sink"].recipients if r.startswith("c"))
    expected = {f"c{n}@example.org" for n in range(count)}
    duplicates = sum(v - 1 for v in received.values() if v > 1)
    missing = len(expected - set(received))
    _record(f"two-worker send of {count}: {duplicates} duplicates, {missing} missing ({progress})")
    assert duplicates == 0
    assert missing == 0


def test_a_rolling_restart_under_light_load_fails_no_request(cluster):
    import requests

    results = []
    stop = threading.Event()

    def load():
        session = requests.Session()
        deadline = time.monotonic() + 240
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                results.append(session.get(f"{NGINX}/en/faq/", timeout=30).status_code)
            except requests.RequestException as error:
                results.append(repr(error))
            time.sleep(0.05)

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    restarts = cluster["dir"] / "restarts"
    before = restarts.read_text().count("restarted") if restarts.exists() else 0
    time.sleep(2)
    cluster["process"].send_signal(signal.SIGUSR1)
    for _ in range(400):
        if restarts.exists() and restarts.read_text().count("restarted") > before:
            break
        time.sleep(0.5)
    time.sleep(2)
    stop.set()
    for thread in threads:
        thread.join()
    failed = [r for r in results if r != 200]
    _record(f"rolling restart: {len(results)} requests, {len(failed)} failed {failed[:5]}")
    assert restarts.read_text().count("restarted") > before
    assert len(results) > 20
    assert failed == []
