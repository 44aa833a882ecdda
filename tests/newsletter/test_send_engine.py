"""The sending engine: claims that expire, renders shared per language, two workers at once."""

import threading
from collections import Counter
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from newsletter import emails, services
from newsletter.models import Delivery, DeliveryStatus
from tests.newsletter import mailers
from tests.newsletter.factories import IssueSectionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_the_templates_render_once_per_language_not_once_per_subscriber():
    issue = IssueSectionFactory().issue
    SubscriberFactory.create_batch(6, language="en")
    SubscriberFactory.create_batch(4, language="es")
    with mock.patch.object(emails, "render_to_string", wraps=emails.render_to_string) as render:
        services.issue_send(issue_id=issue.pk, batch_size=3)
    assert len(mail.outbox) == 10
    # subject, text and HTML, once for English and once for Spanish.
    assert render.call_count == 6
    # Each message still carries its own reader's links.
    links = {m.extra_headers["List-Unsubscribe"] for m in mail.outbox}
    assert len(links) == 10
    for message in mail.outbox:
        unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert unsubscribe in message.body
        assert unsubscribe in message.alternatives[0].content
        assert emails.UNSUBSCRIBE_MARK not in message.body
        assert emails.PREFERENCES_MARK not in message.alternatives[0].content


def test_one_mail_connection_per_batch(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.mailers.CountsConnections"}}
    mailers.CountsConnections.opened = 0
    issue = IssueSectionFactory().issue
    SubscriberFactory.create_batch(7)
    services.issue_send(issue_id=issue.pk, batch_size=3)
    assert len(mail.outbox) == 7
    assert mailers.CountsConnections.opened == 3


def test_queueing_reads_no_subscriber_into_python():
    issue = IssueSectionFactory().issue
    SubscriberFactory.create_batch(5)
    assert services.issue_queue_deliveries(issue=issue) == 5
    assert services.issue_queue_deliveries(issue=issue) == 0  # nothing twice


def test_a_live_claim_keeps_other_workers_off_and_an_expired_one_lets_them_in(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.mailers.CrashAfter"}}
    mailers.CrashAfter.limit, mailers.CrashAfter.delivered = 1, 0
    issue = IssueSectionFactory().issue
    subscribers = SubscriberFactory.create_batch(4)
    with pytest.raises(mailers.SimulatedCrash):  # the worker dies on its second message
        services.issue_send(issue_id=issue.pk, batch_size=4)
    claimed = Delivery.objects.filter(claim__isnull=False)
    assert claimed.count() == 3
    assert all(d.claimed_until > timezone.now() for d in claimed)

    # Another worker finds nothing to take while the claim holds ...
    mailers.CrashAfter.limit = 10_000
    assert services.sends_heal() == []
    assert len(mail.outbox) == 1

    # ... and takes the rest by itself once it expired: no staff action, nobody twice.
    claimed.update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert services.sends_heal() == [issue.pk]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)
    assert services.issue_progress(issue=issue)["sent"] == 4


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_heals_a_stopped_send_without_a_task():
    issue = IssueSectionFactory().issue
    subscribers = SubscriberFactory.create_batch(3)
    services.issue_queue_deliveries(issue=issue)
    Delivery.objects.update(
        claim="8d5e1b2a-0000-4000-8000-000000000000",
        claimed_until=timezone.now() - timedelta(minutes=5),
    )
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)
    assert not Delivery.objects.filter(claim__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_enqueued_tasks(settings):
    from newsletter.tasks import send_issue

    issue = IssueSectionFactory().issue
    SubscriberFactory.create_batch(2)
    result = send_issue.enqueue(issue.pk)
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value["sent"] == 2


def test_a_renewed_claim_lost_to_another_worker_is_not_sent(settings):
    issue = IssueSectionFactory().issue
    SubscriberFactory.create_batch(3)
    services.issue_queue_deliveries(issue=issue)
    claim = services.Claim(issue.pk, 10)
    recipients = claim.take()
    # This worker stalled past its claim; another worker took one of its rows.
    stolen = recipients[0].delivery_id
    Delivery.objects.filter(pk=stolen).update(claim="8d5e1b2a-0000-4000-8000-000000000001")
    claim.renew_at = 0
    services._send_batch(claim, recipients, emails.IssueRenderer(issue))
    assert len(mail.outbox) == 2
    assert Delivery.objects.get(pk=stolen).status == DeliveryStatus.QUEUED


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_one_issue_deliver_each_message_exactly_once():
    issue = IssueSectionFactory().issue
    subscribers = SubscriberFactory.create_batch(60)
    errors = []

    def worker():
        try:
            services.issue_send(issue_id=issue.pk, batch_size=5)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = Counter(m.to[0] for m in mail.outbox)
    assert set(counts) == {s.email for s in subscribers}
    assert max(counts.values()) == 1
    assert services.issue_progress(issue=issue) == {
        "sent": 60,
        "failed": 0,
        "queued": 0,
        "skipped": 0,
    }
