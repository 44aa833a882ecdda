from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from newsletter import services
from newsletter.models import Delivery, DeliveryStatus, SubscriberStatus
from newsletter.tasks import send_issue
from tests.newsletter import mailers
from tests.newsletter.factories import IssueFactory, IssueSectionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def expire_claims():
    """What the passing of NEWSLETTER_CLAIM_SECONDS does to a dead worker's claim."""
    Delivery.objects.filter(claimed_until__isnull=False).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )


def _recipients():
    return sorted(m.to[0] for m in mail.outbox)


def test_every_confirmed_subscriber_gets_exactly_one_delivery(immediate_tasks):
    issue = IssueSectionFactory().issue
    confirmed = SubscriberFactory.create_batch(12)
    result = send_issue.enqueue(issue.pk)
    assert result.return_value == {"sent": 12, "failed": 0, "queued": 0, "skipped": 0}
    assert _recipients() == sorted(s.email for s in confirmed)
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == 12
    issue.refresh_from_db()
    assert issue.sent_at is not None

    # Sending again (a double click, a retry) mails nobody twice.
    send_issue.enqueue(issue.pk)
    assert len(mail.outbox) == 12
    assert Delivery.objects.filter(issue=issue).count() == 12


def test_unsubscribed_and_pending_addresses_get_nothing(immediate_tasks):
    issue = IssueFactory()
    confirmed = SubscriberFactory()
    SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
    send_issue.enqueue(issue.pk)
    assert _recipients() == [confirmed.email]
    assert list(Delivery.objects.values_list("subscriber", flat=True)) == [confirmed.pk]


def test_a_subscriber_who_leaves_before_their_turn_is_skipped():
    issue = IssueFactory()
    staying, leaving = SubscriberFactory.create_batch(2)
    services.issue_queue_deliveries(issue=issue)
    leaving.unsubscribe()
    services.issue_send(issue_id=issue.pk)
    assert _recipients() == [staying.email]
    assert Delivery.objects.get(subscriber=leaving).status == DeliveryStatus.SKIPPED


def test_a_send_interrupted_after_some_batches_resumes_without_duplicates_or_gaps(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.mailers.CrashAfter"}}
    mailers.CrashAfter.limit, mailers.CrashAfter.delivered = 7, 0
    issue = IssueFactory()
    subscribers = SubscriberFactory.create_batch(20)

    with pytest.raises(mailers.SimulatedCrash):
        services.issue_send(issue_id=issue.pk, batch_size=3)  # dies in the third batch
    assert len(mail.outbox) == 7
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 7
    assert Delivery.objects.filter(status=DeliveryStatus.QUEUED).count() == 13

    # A subscriber who confirms while the send is stopped is picked up too. The dead
    # worker's batch (the message in flight and the one after it) stays claimed ...
    late = SubscriberFactory()
    mailers.CrashAfter.limit = 10_000
    progress = services.issue_send(issue_id=issue.pk, batch_size=3)
    assert progress == {"sent": 19, "failed": 0, "queued": 2, "skipped": 0}
    # ... until its claim expires; then the next run takes it.
    expire_claims()
    progress = services.issue_send(issue_id=issue.pk, batch_size=3)
    assert progress == {"sent": 21, "failed": 0, "queued": 0, "skipped": 0}
    assert _recipients() == sorted(s.email for s in [*subscribers, late])
    assert len(set(_recipients())) == len(mail.outbox) == 21


def test_refused_recipients_are_recorded_and_can_be_retried(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.mailers.RefusesSome"}}
    issue = IssueFactory()
    SubscriberFactory(email="fine@example.org")
    bounce = SubscriberFactory(email="bounce@example.org")
    progress = services.issue_send(issue_id=issue.pk)
    assert progress == {"sent": 1, "failed": 1, "queued": 0, "skipped": 0}
    failed = Delivery.objects.get(subscriber=bounce)
    assert failed.status == DeliveryStatus.FAILED
    assert "SMTPRecipientsRefused" in failed.error
    assert failed.attempts == 1

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert services.issue_retry_failed(issue=issue) == 1
    assert services.issue_send(issue_id=issue.pk)["sent"] == 2
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SENT
    assert failed.attempts == 2
    assert failed.error == ""
    assert _recipients() == ["bounce@example.org", "fine@example.org"]


def test_each_subscriber_gets_the_issue_in_their_language():
    section = IssueSectionFactory(heading_en="Care plans", heading_es="Planes de cuidado")
    SubscriberFactory(email="en@example.org", language="en")
    SubscriberFactory(email="es@example.org", language="es")
    services.issue_send(issue_id=section.issue.pk)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Care plans" in by_address["en@example.org"].body
    assert "Planes de cuidado" in by_address["es@example.org"].body
    assert (
        "/es/newsletter/unsubscribe/"
        in by_address["es@example.org"].extra_headers["List-Unsubscribe"]
    )


def test_a_spanish_only_issue_reaches_english_readers_in_spanish():
    issue = IssueFactory(language="es", title_en="", title_es="Solo en español")
    SubscriberFactory(language="en")
    services.issue_send(issue_id=issue.pk)
    assert "Solo en español" in mail.outbox[0].subject


def test_a_test_send_goes_to_one_address_in_both_languages_and_records_nothing():
    issue = IssueFactory(title_en="Spring", title_es="Primavera")
    SubscriberFactory()
    assert services.issue_send_test(issue_id=issue.pk, email="staff@example.org") == 2
    assert [m.to for m in mail.outbox] == [["staff@example.org"]] * 2
    assert "[Test]" in mail.outbox[0].subject
    assert "Primavera" in mail.outbox[1].subject
    assert not Delivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_an_enqueued_issue():
    from django.core.management import call_command

    issue = IssueFactory()
    subscribers = SubscriberFactory.create_batch(3)
    result = send_issue.enqueue(issue.pk)  # the project's database backend
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value["sent"] == 3
    assert _recipients() == sorted(s.email for s in subscribers)


def test_the_resume_command_finishes_stopped_sends(immediate_tasks, settings):
    from django.core.management import call_command

    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.mailers.CrashAfter"}}
    mailers.CrashAfter.limit, mailers.CrashAfter.delivered = 2, 0
    stopped, untouched = IssueFactory(), IssueFactory()
    SubscriberFactory.create_batch(5)
    with pytest.raises(mailers.SimulatedCrash):
        services.issue_send(issue_id=stopped.pk, batch_size=2)
    mailers.CrashAfter.limit = 10_000
    expire_claims()
    call_command("newsletter_resume", verbosity=0)
    assert Delivery.objects.filter(issue=stopped, status=DeliveryStatus.SENT).count() == 5
    assert not Delivery.objects.filter(issue=untouched).exists()
    assert len(mail.outbox) == 5
