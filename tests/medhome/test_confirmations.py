"""One confirmation path for every app (medhome.confirmations): send now, retry later."""

import logging

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from medhome.confirmations import MAX_ATTEMPTS, send_confirmation, send_or_retry
from newsletter.models import Subscriber
from tests.mentorship.factories import MentorFactory
from tests.newsletter.factories import SubscriberFactory
from tests.newsletter.helpers import signup_data

pytestmark = pytest.mark.django_db

NEWSLETTER = ("newsletter.emails.confirmation_message", "newsletter.Subscriber")
BROKEN = {"default": {"BACKEND": "tests.newsletter.mailers.BrokenBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_a_failed_newsletter_confirmation_is_queued_for_a_later_retry(
    client, settings, caplog, django_capture_on_commit_callbacks
):
    settings.MAILERS = BROKEN
    with (
        caplog.at_level(logging.ERROR, logger="medhome.confirmations"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.post("/en/newsletter/", signup_data()).status_code == 302
    subscriber = Subscriber.objects.get(email="parent@example.org")
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [*NEWSLETTER, subscriber.pk, 2]
    assert task.run_after is not None
    assert task.run_after > subscriber.created_at
    assert "Confirmation email for newsletter.Subscriber" in caplog.text
    # The log names the row, never the address.
    assert "parent@example.org" not in caplog.text


def test_the_retry_sends_the_newsletter_confirmation(settings):
    settings.TASKS = IMMEDIATE
    subscriber = SubscriberFactory(language="es")
    result = send_confirmation.enqueue(*NEWSLETTER, subscriber.pk)
    assert result.return_value == "sent"
    assert [m.to for m in mail.outbox] == [[subscriber.email]]
    assert "/es/newsletter/confirm/" in mail.outbox[0].body


def test_retries_stop_after_the_last_attempt(settings, caplog, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    settings.MAILERS = BROKEN
    subscriber = SubscriberFactory()
    with (
        caplog.at_level(logging.WARNING, logger="medhome.confirmations"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        assert send_or_retry(subscriber, _newsletter_message) is False
    # The first try, then one queued retry per pause, each queuing the next.
    assert len(callbacks) == MAX_ATTEMPTS - 1
    assert f"failed {MAX_ATTEMPTS} times; giving up" in caplog.text
    assert mail.outbox == []


def test_a_gone_or_already_confirmed_item_is_not_mailed_again(settings):
    settings.TASKS = IMMEDIATE
    item = MentorFactory().introduction_requests.create(
        name="Ana", organization="X", email="ana@example.org", message="Hi"
    )
    args = ("mentorship.emails.confirmation_message", "mentorship.IntroductionRequest")
    assert send_confirmation.enqueue(*args, item.pk).return_value == "sent"
    assert send_confirmation.enqueue(*args, item.pk).return_value == "done"
    assert send_confirmation.enqueue(*NEWSLETTER, 999_999).return_value == "done"
    assert len(mail.outbox) == 1


def test_builders_must_be_found_again_by_a_worker():
    subscriber = Subscriber(pk=1, email="a@example.org")
    with pytest.raises(ValueError, match="module-level"):
        send_or_retry(subscriber, lambda item: None)
    assert mail.outbox == []


def _newsletter_message(subscriber):
    from newsletter.emails import confirmation_message

    return confirmation_message(subscriber)
