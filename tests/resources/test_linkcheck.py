"""The link checker against a local HTTP server: 200, 404, a redirect, a hanging page."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from medhome.models import Status
from medhome.staff.roles import CONTENT_EDITOR
from resources.linkcheck import check_links, check_links_task, check_url
from resources.models import ResourceVersion
from tests.medhome.staff.factories import ResourceFactory, ResourceVersionFactory, staff_user

HANG_SECONDS = 3


class Handler(BaseHTTPRequestHandler):
    def _answer(self):
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/hang":
            time.sleep(HANG_SECONDS)
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _short_timeout(settings):
    settings.LINK_CHECK_TIMEOUT = 0.5
    settings.LINK_CHECK_WORKERS = 4


def test_check_url_reads_each_kind_of_answer(server):
    assert check_url(f"{server}/ok", 0.5).status == 200
    assert check_url(f"{server}/missing", 0.5).status == 404
    assert check_url(f"{server}/moved", 0.5).status == 200  # the redirect is followed
    assert check_url(f"{server}/no-head", 0.5).status == 200  # GET after a refused HEAD
    hanging = check_url(f"{server}/hang", 0.5)
    assert (hanging.status, hanging.error) == (None, "Timed out")
    assert check_url("ftp://example.org/x", 0.5).error == "Not a web address"
    assert check_url("http://127.0.0.1:9/", 0.5).error  # nothing listens there


@pytest.mark.django_db
def test_the_command_records_status_date_and_error_of_published_links_only(server):
    ok = ResourceVersionFactory(url=f"{server}/ok")
    missing = ResourceVersionFactory(url=f"{server}/missing")
    moved = ResourceVersionFactory(url=f"{server}/moved")
    hanging = ResourceVersionFactory(url=f"{server}/hang")
    draft = ResourceVersionFactory(
        url=f"{server}/missing", resource=ResourceFactory(status=Status.DRAFT)
    )
    call_command("check_links")
    for version in (ok, missing, moved, hanging, draft):
        version.refresh_from_db()
    assert (ok.last_status, ok.last_error) == (200, "")
    assert missing.last_status == 404
    assert moved.last_status == 200
    assert (hanging.last_status, hanging.last_error) == (None, "Timed out")
    assert ok.last_checked_at is not None
    assert draft.last_checked_at is None  # drafts are not checked


@pytest.mark.django_db
def test_the_admin_starts_the_task_and_lists_broken_links(client, server, settings, roles):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    ok = ResourceVersionFactory(url=f"{server}/ok", resource__title_en="Working link")
    ResourceVersionFactory(url=f"{server}/missing", resource__title_en="Dead link")
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    changelist = client.get(reverse("admin:resources_resourceversion_changelist"))
    assert "Check every published link now" in changelist.content.decode()
    response = client.post(reverse("admin:resources_resourceversion_check_all"))
    assert response.status_code == 302
    ok.refresh_from_db()
    assert ok.last_status == 200
    changelist = reverse("admin:resources_resourceversion_changelist")
    broken = client.get(changelist + "?link=broken")
    assert [v.resource.title for v in broken.context["cl"].result_list] == ["Dead link"]
    resources = client.get(reverse("admin:resources_resource_changelist") + "?link=broken")
    assert [r.title for r in resources.context["cl"].result_list] == ["Dead link"]
    html = client.get(reverse("admin:index")).content.decode()
    dashboard = html.split('id="dashboard-links"')[1].split("</table>")[0]
    assert "Broken links" in dashboard
    assert "Dead link" in dashboard
    assert "Working link" not in dashboard


@pytest.mark.django_db
def test_the_admin_action_checks_only_the_selected_links(client, server, settings, roles):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    chosen = ResourceVersionFactory(url=f"{server}/missing")
    other = ResourceVersionFactory(url=f"{server}/ok")
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    client.post(
        reverse("admin:resources_resourceversion_changelist"),
        {"action": "check_selected_links", "_selected_action": [chosen.pk]},
    )
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.last_status == 404
    assert other.last_checked_at is None


@pytest.mark.django_db
def test_checking_many_links_shares_one_request_per_address(server):
    versions = [ResourceVersionFactory(url=f"{server}/ok") for _ in range(12)]
    summary = check_links()
    assert summary == {"checked": 12, "broken": 0}
    assert ResourceVersion.objects.filter(last_status=200).count() == len(versions)


@pytest.mark.django_db
def test_staff_without_change_permission_cannot_start_a_check(client, roles):
    from medhome.staff.roles import NEWSLETTER_MANAGER

    client.force_login(staff_user("nina", NEWSLETTER_MANAGER))
    assert client.post(reverse("admin:resources_resourceversion_check_all")).status_code == 403
    assert client.get(reverse("admin:resources_resourceversion_check_all")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_runs_a_queued_check(server):
    """The admin queues check_links_task; the database task worker runs it."""
    from django_tasks_db.models import DBTaskResult

    chosen = ResourceVersionFactory(url=f"{server}/missing")
    other = ResourceVersionFactory(url=f"{server}/ok")
    result = check_links_task.enqueue([chosen.pk])
    chosen.refresh_from_db()
    assert chosen.last_checked_at is None  # queued, not run in the request
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.last_status == 404
    assert other.last_checked_at is None
    assert DBTaskResult.objects.get(pk=result.id).return_value == {"checked": 1, "broken": 1}
