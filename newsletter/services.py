"""Writes with side effects: sign-ups, confirmations and sending issues."""

import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connections, transaction
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone, translation

from medhome.confirmations import send_or_retry
from newsletter import alerts, emails
from newsletter.models import (
    ALERTS_PER_SUBSCRIBER,
    Alert,
    Delivery,
    DeliveryStatus,
    Issue,
    IssueSection,
    Source,
    Subscriber,
    SubscriberStatus,
)

logger = logging.getLogger(__name__)

# Deliveries one worker claims at a time and sends over one mail connection.
BATCH_SIZE = 200


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
    # Saved first: a failed email must not lose the sign-up; it is retried later.
    send_or_retry(subscriber, emails.confirmation_message)
    return subscriber


def toolkit_send(*, email: str, resources: list, list_token: str, language: str) -> bool:
    """Mail a toolkit (the signed list `list_token`) to `email`; True when the list went.

    The newsletter's verified path: only an address its owner confirmed gets the list
    (in its own language, with the one-click unsubscribe). Any other address gets our
    fixed words and the signed link, nothing the sender chose to say. Nothing is stored;
    a failure raises, and the visitor is told to try again."""
    subscriber = Subscriber.objects.confirmed().with_email(email.strip()).first()
    if subscriber is not None:
        emails.toolkit_message(subscriber, resources=resources, list_token=list_token).send()
        return True
    emails.toolkit_link_message(
        email=email.strip(), list_token=list_token, language=language
    ).send()
    return False


def alert_subscribe(*, email: str, language: str, filters: dict) -> Alert | None:
    """Record "email me new resources like these" and mail the owner a confirmation link.

    The alert waits, unconfirmed, until the owner presses the button behind the link
    (the newsletter's confirmation path). A new address joins as a subscriber who gets
    alerts only, not the newsletter; a known one keeps its settings. The same filter
    twice is one alert; None when the address already keeps its most alerts."""
    email = email.strip()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().with_email(email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email, language=language, source=Source.ALERT, wants_issues=False
            )
        elif subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            # They left the newsletter; asking for an alert is a new consent, for alerts only.
            subscriber.status = SubscriberStatus.PENDING
            subscriber.wants_issues = False
            subscriber.language = language
            subscriber.consent_at = timezone.now()
            subscriber.save(
                update_fields=["status", "wants_issues", "language", "consent_at", "updated_at"]
            )
        elif subscriber.status == SubscriberStatus.PENDING:
            subscriber.language = language
            subscriber.save(update_fields=["language", "updated_at"])
        alert = subscriber.alerts.filter(filters=filters, stopped_at__isnull=True).first()
        if alert is None:
            if subscriber.alerts.filter(stopped_at__isnull=True).count() >= ALERTS_PER_SUBSCRIBER:
                return None
            alert = Alert.objects.create(subscriber=subscriber, filters=filters)
        elif alert.confirmed_at is not None:
            return alert  # already on: no second email
    send_or_retry(alert, emails.alert_confirmation_message)
    return alert


def alerts_confirm(*, subscriber: Subscriber) -> int:
    """The owner confirmed: the address, and every alert asked for it that waits."""
    if subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.confirm()
    now = timezone.now()
    waiting = list(subscriber.alerts.filter(confirmed_at__isnull=True, stopped_at__isnull=True))
    for alert in waiting:
        alert.confirm(now)
    return len(waiting)


def alert_send(alert: Alert, now) -> int:
    """Mail one alert the resources published since its last message that match its
    filter, in the subscriber's language; the number listed (0: nothing was sent)."""
    with translation.override(alert.subscriber.language):
        found = alerts.new_resources(alert.filters, alert.last_sent_at, now)
    if found:
        emails.alert_message(alert, found).send()
    Alert.objects.filter(pk=alert.pk).update(last_sent_at=now)
    return len(found)


def alerts_send_due(*, now=None, force: bool = False, should_stop=None) -> dict[str, int]:
    """Send every alert whose week is up (with `force`, every active alert now).

    Each alert is locked while it is sent, so several workers (and the command run by
    hand) never mail it twice; a failed message is logged and tried next time."""
    now = now or timezone.now()
    candidates = Alert.objects.active() if force else Alert.objects.due(now)
    sent = checked = failed = 0
    for pk in list(candidates.order_by("pk").values_list("pk", flat=True)):
        if should_stop and should_stop():
            break
        with transaction.atomic():
            alert = (
                candidates.select_for_update(skip_locked=True, of=("self",))
                .select_related("subscriber")
                .filter(pk=pk)
                .first()
            )
            if alert is None:
                continue
            checked += 1
            try:
                sent += bool(alert_send(alert, now))
            except Exception:
                failed += 1
                logger.exception("Could not send resource alert %s", alert.pk)
    return {"checked": checked, "sent": sent, "failed": failed}


def subscriber_confirm(*, subscriber: Subscriber) -> None:
    """The owner confirmed their newsletter sign-up: the issues start."""
    if subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.confirm()
    if not subscriber.wants_issues:
        subscriber.wants_issues = True
        subscriber.save(update_fields=["wants_issues", "updated_at"])


def subscriber_update_preferences(
    *, subscriber: Subscriber, language: str, topics, wants_issues: bool | None = None
) -> None:
    subscriber.language = language
    if wants_issues is not None:
        subscriber.wants_issues = wants_issues
    subscriber.save(update_fields=["language", "wants_issues", "updated_at"])
    subscriber.topics.set(topics)


def issue_for_sending(issue_id: int) -> Issue:
    # The resources' topics put each subscriber's topics first (Issue.sections_for).
    sections = IssueSection.objects.select_related("resource").prefetch_related("resource__topics")
    return Issue.objects.prefetch_related(Prefetch("sections", queryset=sections)).get(pk=issue_id)


def issue_queue_deliveries(*, issue: Issue) -> int:
    """One queued delivery for every confirmed subscriber who has none for this issue
    (an address that asked for resource alerts only gets none).

    One INSERT ... SELECT in the database: no subscriber row passes through Python, so
    queueing 100,000 takes a second and no memory.
    """
    delivery = Delivery._meta.db_table
    subscriber = Subscriber._meta.db_table
    sql = (
        f"INSERT INTO {delivery} (issue_id, subscriber_id, status, error, attempts, created_at) "  # noqa: S608 - table names from the models
        f"SELECT %s, id, %s, '', 0, %s FROM {subscriber} WHERE status = %s AND wants_issues "
        "ON CONFLICT DO NOTHING"
    )
    params = (
        issue.pk,
        str(DeliveryStatus.QUEUED),
        timezone.now(),
        str(SubscriberStatus.CONFIRMED),
    )
    with connections[Delivery.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def _claim_seconds() -> int:
    return settings.NEWSLETTER_CLAIM_SECONDS


@dataclass(frozen=True)
class Recipient:
    """What one message needs of a subscriber, read with the claimed batch."""

    delivery_id: int
    pk: int
    email: str
    language: str
    status: str


class Claim:
    """A batch of deliveries one worker holds until `until`; renewed while it works."""

    def __init__(self, issue_id: int, size: int):
        self.issue_id = issue_id
        self.size = size
        self.token = uuid.uuid4()
        self.seconds = _claim_seconds()
        self.renew_at = 0.0

    def take(self) -> list[Recipient]:
        now = timezone.now()
        with transaction.atomic():
            waiting = Delivery.objects.claimable(self.issue_id, now).order_by("pk")
            ids = list(
                waiting.select_for_update(skip_locked=True).values_list("pk", flat=True)[
                    : self.size
                ]
            )
            if not ids:
                return []
            Delivery.objects.filter(pk__in=ids).update(
                claim=self.token, claimed_until=now + timedelta(seconds=self.seconds)
            )
        self.renew_at = time.monotonic() + self.seconds / 2
        rows = (
            Delivery.objects.filter(claim=self.token, status=DeliveryStatus.QUEUED)
            .order_by("pk")
            .values_list(
                "pk",
                "subscriber_id",
                "subscriber__email",
                "subscriber__language",
                "subscriber__status",
            )
        )
        return [Recipient(*row) for row in rows]

    def still_held(self) -> set[int] | None:
        """Renew the claim once half its time is up; the ids still ours, or None when
        nothing needed renewing (a worker paused past its claim loses the rest)."""
        if time.monotonic() < self.renew_at:
            return None
        now = timezone.now()
        with transaction.atomic():
            mine = Delivery.objects.select_for_update().filter(
                claim=self.token, status=DeliveryStatus.QUEUED
            )
            held = set(mine.values_list("pk", flat=True))
            Delivery.objects.filter(pk__in=held).update(
                claimed_until=now + timedelta(seconds=self.seconds)
            )
        self.renew_at = time.monotonic() + self.seconds / 2
        return held

    def finish(self, delivery_id: int, status: str, error: str = "") -> None:
        """Record one message at once (its own commit), so a crash re-sends none before it."""
        Delivery.objects.filter(pk=delivery_id, claim=self.token).update(
            status=status,
            error=error,
            attempts=F("attempts") + 1,
            sent_at=timezone.now() if status == DeliveryStatus.SENT else None,
            claim=None,
            claimed_until=None,
        )

    def skip(self, delivery_ids: list[int]) -> None:
        Delivery.objects.filter(pk__in=delivery_ids, claim=self.token).update(
            status=DeliveryStatus.SKIPPED,
            attempts=F("attempts") + 1,
            claim=None,
            claimed_until=None,
        )


def _topic_sets(subscriber_ids: list[int]) -> dict[int, frozenset]:
    """Each subscriber's topic ids, in one query for the batch."""
    through = Subscriber.topics.through
    sets: dict[int, set] = {}
    for subscriber_id, topic_id in through.objects.filter(
        subscriber_id__in=subscriber_ids
    ).values_list("subscriber_id", "topic_id"):
        sets.setdefault(subscriber_id, set()).add(topic_id)
    return {pk: frozenset(ids) for pk, ids in sets.items()}


def _deliverer(connection):
    """How to hand one prepared message to the open connection.

    Over SMTP the message's bytes go straight to smtplib: Django's backend would parse
    both addresses with the `email` package's header parser for every message, which
    costs more than the rest of the message. Other backends (files, tests) get it whole.
    """
    if isinstance(connection, SMTPBackend) and connection.connection is not None:
        sender = connection.prep_address(settings.DEFAULT_FROM_EMAIL)

        def deliver(message):
            to = message.to[0]
            if not to.isascii() or "\r" in to or "\n" in to:
                return connection.send_messages([message])
            return connection.connection.sendmail(sender, [to], message.raw)

        return deliver
    return lambda message: connection.send_messages([message])


def _send_batch(claim: Claim, recipients: list[Recipient], renderer) -> None:
    gone = [r.delivery_id for r in recipients if r.status != SubscriberStatus.CONFIRMED]
    if gone:
        claim.skip(gone)
    recipients = [r for r in recipients if r.status == SubscriberStatus.CONFIRMED]
    if not recipients:
        return
    topics = _topic_sets([r.pk for r in recipients])
    # One SMTP connection for the whole batch.
    with mail.mailers.default as connection:
        deliver = _deliverer(connection)
        for recipient in recipients:
            held = claim.still_held()
            if held is not None and recipient.delivery_id not in held:
                continue  # our claim ran out and another worker has it now
            message = renderer.message(recipient, topic_ids=topics.get(recipient.pk, frozenset()))
            try:
                deliver(message)
            except Exception as error:  # the mail server refused it: record and go on
                claim.finish(
                    recipient.delivery_id,
                    DeliveryStatus.FAILED,
                    f"{type(error).__name__}: {error}"[:2000],
                )
            else:
                claim.finish(recipient.delivery_id, DeliveryStatus.SENT)


def issue_send(*, issue_id: int, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Mail an issue to every confirmed subscriber exactly once.

    Safe to run in several workers at once and again at any time: each takes its own
    batches, and a batch whose worker died is taken again once its claim expires.
    """
    issue = issue_for_sending(issue_id)
    if issue.sent_at is None:
        issue.sent_at = timezone.now()
        issue.save(update_fields=["sent_at"])
    issue_queue_deliveries(issue=issue)
    issue_send_waiting(issue=issue, batch_size=batch_size)
    return issue_progress(issue=issue)


def issue_send_waiting(*, issue: Issue, batch_size: int = BATCH_SIZE, should_stop=None) -> int:
    """Send batches of the issue's claimable deliveries until none is left (or
    `should_stop()` says so between batches); the number of batches sent."""
    renderer = emails.IssueRenderer(issue)
    batches = 0
    while not (should_stop and should_stop()):
        claim = Claim(issue.pk, batch_size)
        recipients = claim.take()
        if not recipients:
            return batches
        _send_batch(claim, recipients, renderer)
        batches += 1
    return batches


def sends_heal(*, batch_size: int = BATCH_SIZE, should_stop=None) -> list[int]:
    """Finish every send with deliveries nobody holds: sends whose worker died (their
    claim expired), failed deliveries queued again, late subscribers. The worker runs
    this between tasks, so a stopped send resumes with no staff action."""
    healed = []
    for issue_id in list(Delivery.objects.issues_waiting(timezone.now())):
        issue = issue_for_sending(issue_id)
        if issue_send_waiting(issue=issue, batch_size=batch_size, should_stop=should_stop):
            healed.append(issue_id)
    return healed


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
