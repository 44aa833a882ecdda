from datetime import datetime, timedelta
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from medhome import search
from medhome.models import Publishable, PublishableQuerySet
from medhome.text import render_markdown
from resources.models import Resource

# The "New in your topics" block of an issue lists at most this many resources.
NEW_IN_TOPICS_LIMIT = 5
# Without an earlier issue, "new" means published this long before the issue date
# (the newsletter is bi-weekly).
NEW_IN_TOPICS_WINDOW = timedelta(days=14)

# Slugs an issue may not take: these addresses belong to the newsletter's own pages.
RESERVED_SLUGS = {"feed", "thanks", "confirm", "preferences", "unsubscribe", "alerts"}


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class Source(models.TextChoices):
    NEWSLETTER_PAGE = "newsletter-page", _("Newsletter page")
    HOME_PAGE = "home-page", _("Home page")
    STAFF = "staff", _("Added by staff")
    ALERT = "alert", _("Resource alert")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> Self:
        return self.filter(status=SubscriberStatus.CONFIRMED)

    def with_email(self, email: str) -> Self:
        return self.filter(email__iexact=email.strip())


class Subscriber(models.Model):
    email = models.EmailField(_("email address"), max_length=254)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("Messages go out in this language."),
    )
    topics = models.ManyToManyField(
        "resources.Topic",
        blank=True,
        related_name="newsletter_subscribers",
        verbose_name=_("topics of interest"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
        help_text=_("Only confirmed subscribers receive issues."),
    )
    source = models.CharField(
        _("signed up from"), max_length=20, choices=Source.choices, default=Source.NEWSLETTER_PAGE
    )
    consent_at = models.DateTimeField(
        _("consent given"),
        default=timezone.now,
        help_text=_("When the person asked to receive the newsletter."),
    )
    wants_issues = models.BooleanField(
        _("receives the issues"),
        default=True,
        # In the database too: the running release inserts subscribers without it.
        db_default=True,
        help_text=_(
            "Off for an address that only asked for resource alerts: it gets the alerts, "
            "not the newsletter."
        ),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects: ClassVar = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="newsletter_subscriber_email_ci_unique",
                violation_error_message=_("This address is already on the list."),
            )
        ]

    def __str__(self) -> str:
        return self.email

    def confirm(self) -> None:
        self.status = SubscriberStatus.CONFIRMED
        self.confirmed_at = timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["status", "confirmed_at", "unsubscribed_at", "updated_at"])

    def topic_ids(self) -> frozenset[int]:
        """The chosen topics' ids; reads a `prefetch_related("topics")` when there is one."""
        if self.pk is None:
            return frozenset()
        return frozenset(topic.pk for topic in self.topics.all())

    def unsubscribe(self) -> None:
        if self.status == SubscriberStatus.UNSUBSCRIBED:
            return
        self.status = SubscriberStatus.UNSUBSCRIBED
        self.unsubscribed_at = timezone.now()
        self.save(update_fields=["status", "unsubscribed_at", "updated_at"])


# How often an alert may write, and how long an unconfirmed alert waits for its owner.
ALERT_INTERVAL = timedelta(days=7)
# The most alerts one address may keep (a typed-in address cannot be flooded with them).
ALERTS_PER_SUBSCRIBER = 10


class AlertQuerySet(models.QuerySet):
    def active(self) -> Self:
        """Confirmed, not stopped, for an address still subscribed."""
        return self.filter(
            confirmed_at__isnull=False,
            stopped_at__isnull=True,
            subscriber__status=SubscriberStatus.CONFIRMED,
        )

    def due(self, now) -> Self:
        """Active alerts that have not written for a week."""
        return self.active().filter(last_sent_at__lte=now - ALERT_INTERVAL)


class Alert(models.Model):
    """ "Email me new resources like these": a saved resource-library filter.

    Confirmed through the newsletter's confirmation path (double opt-in); then, once
    a week, the resources published since the last message that match the filter go
    to the subscriber in their language, each message with its own one-click stop."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("subscriber")
    )
    # The library's filter as {name: [values]} and "q": the search words; see newsletter.alerts.
    filters = models.JSONField(_("filter"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(
        _("last sent"),
        null=True,
        blank=True,
        help_text=_("Resources published after this are new for the next message."),
    )
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["subscriber", "pk"]
        verbose_name = _("resource alert")
        verbose_name_plural = _("resource alerts")

    def __str__(self) -> str:
        return f"{self.subscriber}: {self.filters}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.stopped_at is None

    def confirm(self, now=None) -> None:
        if self.confirmed_at is not None:
            return
        now = now or timezone.now()
        self.confirmed_at = now
        self.last_sent_at = now  # only resources published from now on are new
        self.stopped_at = None
        self.save(update_fields=["confirmed_at", "last_sent_at", "stopped_at"])

    def stop(self) -> None:
        if self.stopped_at is None:
            self.stopped_at = timezone.now()
            self.save(update_fields=["stopped_at"])


class IssueQuerySet(PublishableQuerySet):
    def archive(self) -> Self:
        """What the public archive, feed and sitemap show: published issues that went out."""
        return self.published().filter(sent_at__isnull=False)


class Issue(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        unique=True,
        help_text=_("The last part of the issue's web address, e.g. 'care-coordination-march'."),
    )
    issue_date = models.DateField(
        _("issue date"), default=timezone.localdate, help_text=_("The date printed on the issue.")
    )
    language = models.CharField(
        _("written in"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_(
            "The language the issue was written in. Subscribers get their own language when "
            "a translation is filled in, otherwise this one."
        ),
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short opening note. Markdown: blank lines between paragraphs."),
    )
    sent_at = models.DateTimeField(
        _("sent"),
        null=True,
        blank=True,
        help_text=_("Filled in when sending starts. Sent issues appear in the public archive."),
    )

    objects: ClassVar = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-issue_date", "-pk"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        permissions = [("send_issue", _("Can send an issue to subscribers"))]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is used by another newsletter page. Choose another.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("newsletter:issue", kwargs={"slug": self.slug})

    @property
    def intro_html(self) -> SafeString:
        return render_markdown(self.intro)

    # --- What each subscriber's copy features: their topics ------------------------
    # Both take a set of topic ids, so a sender may cache a render per
    # (language, topic set); prefetch `sections__resource__topics` for a big send.
    def sections_for(self, topic_ids=()) -> list["IssueSection"]:
        """The sections in their order, those whose resource is on one of the topics first."""
        sections = list(self.sections.all())
        wanted = set(topic_ids)
        if not wanted:
            return sections
        # sorted() is stable: within each group the staff's order holds.
        return sorted(sections, key=lambda section: not (wanted & section.topic_ids()))

    def new_since(self) -> datetime:
        """When the previous issue went out (or two weeks before this one's date)."""
        previous = (
            Issue.objects.filter(sent_at__isnull=False, issue_date__lt=self.issue_date)
            .exclude(pk=self.pk)
            .order_by("-issue_date", "-sent_at")
            .values_list("sent_at", flat=True)
            .first()
        )
        if previous is not None:
            return previous
        start = datetime.combine(self.issue_date - NEW_IN_TOPICS_WINDOW, datetime.min.time())
        return timezone.make_aware(start)

    def new_in_topics(self, topic_ids=(), *, limit: int = NEW_IN_TOPICS_LIMIT) -> list["Resource"]:
        """Resources on these topics published since the previous issue, newest first,
        leaving out those a section already points to."""
        if not topic_ids:
            return []
        until = self.sent_at or timezone.now()
        in_sections = [s.resource_id for s in self.sections.all() if s.resource_id]
        return list(
            Resource.objects.went_live_between(self.new_since(), until)
            .on_topics(topic_ids)
            .exclude(pk__in=in_sections)
            .order_by("-publish_at", "title")[:limit]
        )


class IssueSection(models.Model):
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="sections", verbose_name=_("issue")
    )
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown: blank lines between paragraphs, - for a list."),
    )
    resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletter_sections",
        verbose_name=_("resource"),
        help_text=_("A resource from the library this section points to."),
    )
    url = models.URLField(
        _("other link"),
        max_length=500,
        blank=True,
        help_text=_("A news item or page elsewhere. Leave empty when a resource is chosen."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first.")
    )

    class Meta:
        ordering = ["issue", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resource__isnull=True) | models.Q(url=""),
                name="newsletter_section_one_link",
                violation_error_message=_("Choose a resource or give another link, not both."),
            )
        ]

    def __str__(self) -> str:
        return self.heading

    def topic_ids(self) -> frozenset[int]:
        """The topics of the resource it points to (reads a prefetch when there is one)."""
        if self.resource is None:
            return frozenset()
        return frozenset(topic.pk for topic in self.resource.topics.all())

    @property
    def text_html(self) -> SafeString:
        return render_markdown(self.text)

    @property
    def link_path(self) -> str:
        """The section's link: a published resource's page (site-relative) or the other link."""
        from django.urls import NoReverseMatch

        if self.resource is not None and self.resource.is_public:
            try:
                return self.resource.get_absolute_url()
            except NoReverseMatch:  # the library's pages are not mounted
                return ""
        return self.url

    @property
    def link_url(self) -> str:
        """The same link, absolute, for email and feeds."""
        path = self.link_path
        return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (no longer subscribed)")


class DeliveryQuerySet(models.QuerySet):
    def claimable(self, issue_id: int, now) -> Self:
        """Queued deliveries of an issue that no worker holds: never claimed, or whose
        claim expired because the worker that took them died."""
        return self.filter(issue_id=issue_id, status=DeliveryStatus.QUEUED).filter(
            models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now)
        )

    def issues_waiting(self, now) -> models.QuerySet:
        """Ids of issues with deliveries a worker may take now (sends to start or heal)."""
        waiting = self.filter(status=DeliveryStatus.QUEUED).filter(
            models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now)
        )
        return waiting.values_list("issue_id", flat=True).distinct().order_by("issue_id")


class Delivery(models.Model):
    """One issue to one subscriber. The unique pair is what makes "never twice" hold.

    A worker claims a batch of queued deliveries for a while (`claimed_until`) under a
    token of its own (`claim`); it records each message as soon as the mail server took
    it. A worker that dies leaves its claim to expire, and the next worker takes the
    rest: only the message in flight at the moment of death can go out twice.
    """

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("issue")
    )
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
        db_index=True,
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    claim = models.UUIDField(_("claimed by"), null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True, editable=False)

    objects: ClassVar = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["issue", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_once_per_issue"
            )
        ]
        indexes = [
            # Workers take the next batch in pk order among queued rows only, so a big
            # send never rescans the rows already sent.
            models.Index(
                fields=["issue", "id"],
                condition=models.Q(status="queued"),
                name="newsletter_delivery_queued",
            ),
            models.Index(fields=["claim"], name="newsletter_delivery_claim"),
        ]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber}"


# Issues are written in either language; each falls back to the other.
search.register_index(
    Issue,
    [("title", "A"), ("intro", "C")],
    translated=("title", "intro"),
    headline=("intro",),
    fallback_both=True,
)
search.register_index(
    IssueSection,
    [("heading", "B"), ("text", "C")],
    translated=("heading", "text"),
    headline=("text",),
    fallback_both=True,
)
