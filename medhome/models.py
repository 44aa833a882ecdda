from datetime import timedelta
from typing import ClassVar, Self

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from medhome import search_index
from medhome.text import render_markdown

# Content not reviewed for this long shows up in the "needs review" filter.
REVIEW_INTERVAL = timedelta(days=365)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PublishableQuerySet(models.QuerySet):
    def published(self) -> Self:
        """What the public may see: published, and its publish date has come."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=timezone.now())

    def needs_review(self) -> Self:
        cutoff = timezone.localdate() - REVIEW_INTERVAL
        return self.filter(
            models.Q(last_reviewed__isnull=True) | models.Q(last_reviewed__lt=cutoff)
        )


class Publishable(models.Model):
    """The one base of curated content: status, scheduling, review and timestamps."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Only published items appear on the public site."),
    )
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_("A published item with a date in the future stays hidden until then."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When staff last checked this is still accurate."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.publish_at <= timezone.now()


class PageManager(models.Manager.from_queryset(PublishableQuerySet)):  # type: ignore[misc]
    def get_by_natural_key(self, slug) -> "Page":
        return self.get(slug=slug)


class Page(Publishable):
    """A page of prose staff edit in the admin, such as "About the center".

    Like all curated content it goes draft -> review -> published, and only a
    publisher may publish it."""

    slug = models.SlugField(
        _("address"),
        unique=True,
        help_text=_("The last part of the page's web address, e.g. 'about'."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown under the title and in search engines."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown: blank lines between paragraphs, ## for a heading, - for a list, "
            "[text](https://...) for a link."
        ),
    )

    objects: ClassVar = PageManager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("page", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        # Demo fixtures name pages by address, so they update the pages a
        # migration created (accessibility, privacy) instead of clashing on ids.
        return (self.slug,)

    @property
    def body_html(self) -> SafeString:
        return render_markdown(self.body)


search_index.register_index(
    Page,
    [("title", "A"), ("summary", "B"), ("body", "C")],
    translated=("title", "summary", "body"),
    headline=("summary", "body"),
)


class SearchTerm(models.Model):
    """A word of the published, indexed text: the vocabulary misspelt words are
    corrected against (medhome.search_spelling). Rebuilt by
    `manage.py rebuild_search_index`; new words are added when content is saved."""

    term = models.CharField(_("word without accents"), max_length=60, unique=True)
    word = models.CharField(_("word"), max_length=60)
    count = models.PositiveIntegerField(_("occurrences"), default=1)
    language = models.CharField(
        _("language"),
        max_length=2,
        blank=True,
        help_text=_("The language of the text the word was seen in; empty for both."),
    )

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        # Similar words by trigrams (pg_trgm); SQLite has an FTS5 trigram table instead.
        indexes = [GinIndex(OpClass(F("term"), name="gin_trgm_ops"), name="search_term_trgm")]

    def __str__(self) -> str:
        return self.word


class DemoMarker(models.Model):
    """Present only while the demo fixtures are loaded; it turns on the demo notice."""

    loaded_at = models.DateTimeField(_("loaded"), default=timezone.now)

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("demo content marker")
        verbose_name_plural = _("demo content markers")

    def __str__(self) -> str:
        return str(_("Demo content"))


class QueueStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class QueueItem(models.Model):
    """The base of every staff queue (submissions, introductions, assistance requests)."""

    queue_status = models.CharField(
        _("queue status"),
        max_length=12,
        choices=QueueStatus.choices,
        default=QueueStatus.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
        limit_choices_to={"is_staff": True},
    )
    staff_notes = models.TextField(
        _("staff notes"), blank=True, help_text=_("Only staff see these notes.")
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-received_at"]


class PageFeedbackQuerySet(models.QuerySet):
    def report(self) -> models.QuerySet:
        """One row per page: its votes, how many found it helpful, the comments left and
        its latest title; the least helpful first (the share of "yes", then most votes)."""
        yes = models.Count("pk", filter=models.Q(helpful=True))
        total = models.Count("pk")
        return (
            self.values("page")
            .annotate(
                title=models.Max("title"),
                yes=yes,
                no=models.Count("pk", filter=models.Q(helpful=False)),
                total=total,
                comments=models.Count("pk", filter=~models.Q(comment="")),
                last_at=models.Max("created_at"),
                share=models.ExpressionWrapper(
                    Cast(yes, models.FloatField()) / total,
                    output_field=models.FloatField(),
                ),
            )
            .order_by("share", "-total", "page")
        )


class PageFeedback(models.Model):
    """One "was this page helpful?" answer from a visitor, on any content page.

    `page` names the page in both languages: its address without the language
    prefix, with an anchor for one question on a page of several (an FAQ)."""

    page = models.CharField(_("page"), max_length=300, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        permissions = [("report_pagefeedback", _("Can read the page feedback report"))]

    def __str__(self) -> str:
        return f"{self.title}: {'+' if self.helpful else '-'}"
