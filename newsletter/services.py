"""Writes with side effects: sign-ups, confirmations and sending issues."""

import logging
from collections.abc import Iterable

from django.core import mail
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from newsletter import emails
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    Issue,
    IssueSection,
    Source,
    Subscriber,
    SubscriberStatus,
)

logger = logging.getLogger(__name__)

# Deliveries sent over one mail connection before it is reopened.
BATCH_SIZE = 50


def subscriber_subscribe(
    *, email: str, language: str, topics: Iterable = (), source: str = Source.NEWSLETTER_PAGE
) -> Subscriber:
    """Record the sign-up, then mail a confirmation link, whoever the address belongs to.

    A new or unconfirmed address takes the chosen language and topics; a
    confirmed one keeps its settings (anyone may type any address here), and
    its owner changes them through the link in any message.
    """
    email = email.strip()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().with_email(email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(email=email, language=language, source=source)
            subscriber.topics.set(topics)
        elif subscriber.status != SubscriberStatus.CONFIRMED:
            subscriber.language = language
            subscriber.consent_at = timezone.now()
            subscriber.source = source
            subscriber.save(update_fields=["language", "consent_at", "source", "updated_at"])
            subscriber.topics.set(topics)
    # Saved first: a failed email must not lose the sign-up.
    try:
        emails.confirmation_message(subscriber).send()
    except Exception:
        logger.exception(
            "Could not send the newsletter confirmation to subscriber %s", subscriber.pk
        )
    return subscriber


def subscriber_update_preferences(*, subscriber: Subscriber, language: str, topics) -> None:
    subscriber.language = language
    subscriber.save(update_fields=["language", "updated_at"])
    subscriber.topics.set(topics)


def issue_for_sending(issue_id: int) -> Issue:
    # The resources' topics put each subscriber's topics first (Issue.sections_for).
    sections = IssueSection.objects.select_related("resource").prefetch_related("resource__topics")
    return Issue.objects.prefetch_related(Prefetch("sections", queryset=sections)).get(pk=issue_id)


def issue_queue_deliveries(*, issue: Issue) -> int:
    """One queued delivery for every confirmed subscriber who has none for this issue."""
    ids = Subscriber.objects.confirmed().values_list("pk", flat=True)
    created = Delivery.objects.bulk_create(
        (Delivery(issue=issue, subscriber_id=pk) for pk in ids.iterator()),
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(created)


def _send_one(pk: int, issue: Issue, connection) -> bool:
    """Send one queued delivery under a row lock; False when another worker has it or it is done."""
    with transaction.atomic():
        locked = Delivery.objects.select_for_update(skip_locked=True, of=("self",))
        delivery = locked.select_related("subscriber").filter(pk=pk, status=DeliveryStatus.QUEUED)
        delivery = delivery.first()
        if delivery is None:
            return False
        delivery.attempts += 1
        if delivery.subscriber.status != SubscriberStatus.CONFIRMED:
            delivery.status = DeliveryStatus.SKIPPED
        else:
            message = emails.issue_message(issue, delivery.subscriber)
            try:
                connection.send_messages([message])
            except Exception as error:  # the mail server refused it: record and go on
                delivery.status = DeliveryStatus.FAILED
                delivery.error = f"{type(error).__name__}: {error}"[:2000]
            else:
                delivery.status = DeliveryStatus.SENT
                delivery.sent_at = timezone.now()
                delivery.error = ""
        # Committed right after this one message, so a crash never re-sends earlier ones.
        delivery.save(update_fields=["status", "error", "attempts", "sent_at"])
        return True


def issue_send(*, issue_id: int, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Mail an issue to every confirmed subscriber exactly once. Safe to run again at any time:
    it picks up queued deliveries where a crashed or stopped run left them."""
    issue = issue_for_sending(issue_id)
    if issue.sent_at is None:
        issue.sent_at = timezone.now()
        issue.save(update_fields=["sent_at"])
    issue_queue_deliveries(issue=issue)
    queued = Delivery.objects.filter(issue=issue, status=DeliveryStatus.QUEUED).order_by("pk")
    last_pk = 0
    while batch := list(queued.filter(pk__gt=last_pk).values_list("pk", flat=True)[:batch_size]):
        with mail.mailers.default as connection:
            for pk in batch:
                _send_one(pk, issue, connection)
        last_pk = batch[-1]
    return issue_progress(issue=issue)


def issue_send_test(*, issue_id: int, email: str) -> int:
    """Mail the issue, in both languages, to one staff address. Its links do not unsubscribe anyone."""
    issue = issue_for_sending(issue_id)
    messages = [
        emails.issue_message(issue, Subscriber(pk=0, email=email, language=lang), test=True)
        for lang in ("en", "es")
    ]
    with mail.mailers.default as connection:
        return connection.send_messages(messages) or 0


def issue_retry_failed(*, issue: Issue) -> int:
    return Delivery.objects.filter(issue=issue, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.QUEUED
    )


def issue_progress(*, issue: Issue) -> dict[str, int]:
    counts = Delivery.objects.filter(issue=issue).aggregate(
        sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        queued=Count("pk", filter=Q(status=DeliveryStatus.QUEUED)),
        skipped=Count("pk", filter=Q(status=DeliveryStatus.SKIPPED)),
    )
    return counts
