import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.urls import reverse

from medhome.models import Status
from newsletter.models import Delivery, DeliveryStatus, SubscriberStatus
from tests.newsletter.factories import IssueFactory, IssueSectionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def staff_client(client, admin_user):
    admin_user.email = "editor@example.org"
    admin_user.save()
    client.force_login(admin_user)
    return client


def test_the_issue_change_page_offers_preview_test_and_send(staff_client):
    issue = IssueFactory()
    response = staff_client.get(reverse("admin:newsletter_issue_change", args=[issue.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("admin:newsletter_issue_preview", args=[issue.pk]) in content
    assert reverse("admin:newsletter_issue_send_test", args=[issue.pk]) in content
    assert reverse("admin:newsletter_issue_send", args=[issue.pk]) in content
    assert "0 sent, 0 failed, 0 still to send" in content


def test_the_preview_shows_both_languages_and_both_parts(staff_client):
    section = IssueSectionFactory(heading_en="Care plans", heading_es="Planes de cuidado")
    issue = section.issue
    response = staff_client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Care plans" in content  # the English plain-text part
    assert "Planes de cuidado" in content  # the Spanish one
    assert "List-Unsubscribe-Post" in content
    for lang, heading in (("en", "Care plans"), ("es", "Planes de cuidado")):
        html = staff_client.get(
            reverse("admin:newsletter_issue_preview_html", args=[issue.pk, lang])
        )
        assert html.status_code == 200
        assert heading in html.content.decode()
        assert "'unsafe-inline'" in html["Content-Security-Policy"]
        assert html["X-Frame-Options"] == "SAMEORIGIN"


def test_the_preview_is_for_staff_only(client):
    issue = IssueFactory()
    response = client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_send_a_test_to_me(staff_client, immediate_tasks):
    issue = IssueFactory()
    SubscriberFactory()
    response = staff_client.post(reverse("admin:newsletter_issue_send_test", args=[issue.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["editor@example.org"]] * 2
    assert not Delivery.objects.exists()


def test_send_to_all_confirmed_subscribers_asks_first_then_sends(staff_client, immediate_tasks):
    issue = IssueFactory()
    SubscriberFactory.create_batch(3)
    SubscriberFactory(status=SubscriberStatus.PENDING)
    url = reverse("admin:newsletter_issue_send", args=[issue.pk])
    page = staff_client.get(url)
    assert b"will go to 3 confirmed subscribers" in page.content
    assert mail.outbox == []
    assert staff_client.post(url).status_code == 302
    assert len(mail.outbox) == 3
    change = staff_client.get(reverse("admin:newsletter_issue_change", args=[issue.pk]))
    assert b"3 sent, 0 failed, 0 still to send" in change.content
    listing = staff_client.get(reverse("admin:newsletter_issue_changelist"))
    assert b"3 sent, 0 failed, 0 to go" in listing.content


def test_a_draft_cannot_be_sent(staff_client, immediate_tasks):
    issue = IssueFactory(status=Status.DRAFT, sent_at=None)
    SubscriberFactory()
    staff_client.post(reverse("admin:newsletter_issue_send", args=[issue.pk]))
    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_sending_needs_the_send_permission(client, immediate_tasks):
    editor = User.objects.create_user("editor", "e@example.org", "x", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__endswith="_issue"))
    editor.user_permissions.remove(Permission.objects.get(codename="send_issue"))
    client.force_login(editor)
    issue = IssueFactory()
    SubscriberFactory()
    assert client.post(reverse("admin:newsletter_issue_send", args=[issue.pk])).status_code == 403
    assert mail.outbox == []


def test_retry_failed_deliveries_from_the_list(staff_client, immediate_tasks):
    issue = IssueFactory()
    delivery = Delivery.objects.create(
        issue=issue, subscriber=SubscriberFactory(), status=DeliveryStatus.FAILED, error="550"
    )
    response = staff_client.post(
        reverse("admin:newsletter_issue_changelist"),
        {"action": "retry_failed", "_selected_action": [issue.pk]},
    )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_the_subscriber_list_shows_counts_by_status(staff_client):
    SubscriberFactory.create_batch(2)
    SubscriberFactory(status=SubscriberStatus.PENDING)
    SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
    content = staff_client.get(reverse("admin:newsletter_subscriber_changelist")).content
    assert b"Confirmed: <strong>2</strong>" in content
    assert b"Waiting for confirmation: <strong>1</strong>" in content
    assert b"Unsubscribed: <strong>1</strong>" in content


def test_subscribers_export_as_csv_with_the_lists_filters(staff_client):
    SubscriberFactory(email="a@example.org")
    SubscriberFactory(email="=cmd@example.org")
    SubscriberFactory(email="p@example.org", status=SubscriberStatus.PENDING)
    url = reverse("admin:newsletter_subscriber_export") + "?status__exact=confirmed"
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["email", "status", "language"]
    assert [r[0] for r in rows[1:]] == ["'=cmd@example.org", "a@example.org"]


def test_subscribers_export_action(staff_client):
    chosen = SubscriberFactory(email="chosen@example.org")
    SubscriberFactory(email="other@example.org")
    response = staff_client.post(
        reverse("admin:newsletter_subscriber_changelist"),
        {"action": "export_csv", "_selected_action": [chosen.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["chosen@example.org"]


def test_the_export_is_for_staff_only(client):
    assert client.get(reverse("admin:newsletter_subscriber_export")).status_code == 302


def test_the_workflow_actions_work_on_the_issue_list(staff_client):
    issue = IssueFactory(status=Status.DRAFT)
    Delivery.objects.create(issue=issue, subscriber=SubscriberFactory())
    response = staff_client.post(
        reverse("admin:newsletter_issue_changelist"),
        {"action": "publish", "_selected_action": [issue.pk]},
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Status.PUBLISHED
