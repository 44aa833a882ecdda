from typing import ClassVar, Self

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from medhome import jurisdictions, search
from medhome.models import Publishable, PublishableQuerySet, QueueItem
from medhome.storage import private_storage
from medhome.text import render_markdown
from resources import topic_terms
from resources.uploads import submission_upload_to


class Taxonomy(models.Model):
    """A staff-managed list (types, topics, audiences): a name in each language and an order."""

    slug = models.SlugField(_("short name"), unique=True, help_text=_("Used in web addresses."))
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name


class ResourceType(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("resource type")
        verbose_name_plural = _("resource types")


class Topic(Taxonomy):
    description = models.TextField(_("description"), blank=True)

    class Meta(Taxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Audience(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


# Title over summary and topic names over body (resources.topic_terms).
SEARCH_FIELDS = [("title", "A"), ("summary", "B"), ("body", "C"), ("topic_terms", "B")]


class ResourceQuerySet(PublishableQuerySet):
    def with_relations(self) -> Self:
        return self.select_related("resource_type").prefetch_related(
            "topics", "audiences", "versions"
        )

    def for_cards(self) -> Self:
        """What a result card shows: the type and the language versions."""
        return self.select_related("resource_type").prefetch_related("versions")

    def readable_first(self) -> Self:
        """Resources a visitor can read in the page's language (a title in it and a
        download in it, or no download at all) before the others: on /es/ Spanish cards
        come before English-only ones. Each group keeps the usual order."""
        lang = search.active_language()
        if lang == "en":
            return self
        field = f"title_{lang}"
        missing_title = Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
        versions = ResourceVersion.objects.filter(resource=OuterRef("pk"))
        other_download = Exists(versions) & ~Exists(versions.filter(language=lang))
        return self.alias(
            other_language=Case(
                When(missing_title | other_download, then=Value(1)), default=Value(0)
            )
        ).order_by("other_language", *(Resource._meta.ordering or ()))

    def for_audiences(self, slugs) -> Self:
        """Resources for any of these audiences, each once."""
        through = Resource.audiences.through.objects.filter(  # type: ignore[attr-defined]
            audience__slug__in=slugs
        )
        return self.filter(pk__in=through.values("resource_id"))

    def on_topics(self, topic_ids) -> Self:
        """Resources filed under any of these topics (each once)."""
        return self.filter(pk__in=Resource.objects.filter(topics__in=topic_ids).values("pk"))

    def went_live_between(self, start, end) -> Self:
        """Published resources that appeared on the site after `start`, up to `end`."""
        return self.published().filter(publish_at__gt=start, publish_at__lte=end)

    def search(self, query) -> models.QuerySet:
        """Matches of `query` (a string or a prepared medhome.search.Query), with
        search_rank and search_headline."""
        return search.search(self, query)


class Resource(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"), max_length=200, unique=True, help_text=_("The last part of the web address.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=400,
        help_text=_("One or two plain sentences shown in lists and search results."),
    )
    body = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "Markdown: blank lines between paragraphs, - for a list, [text](https://...)."
        ),
    )
    resource_type = models.ForeignKey(
        ResourceType, on_delete=models.PROTECT, related_name="resources", verbose_name=_("type")
    )
    topics = models.ManyToManyField(Topic, related_name="resources", verbose_name=_("topics"))
    audiences = models.ManyToManyField(
        Audience, related_name="resources", verbose_name=_("audiences")
    )
    organization = models.CharField(_("publisher or organization"), max_length=200, blank=True)
    published_on = models.DateField(
        _("date"), help_text=_("When the resource itself was published or last revised.")
    )
    state = models.CharField(
        _("state"),
        max_length=2,
        blank=True,
        choices=jurisdictions.choices,
        help_text=_("Only for resources about one state or territory."),
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured resources appear on the home page.")
    )
    # The names of the resource's topics, for search only (resources.topic_terms).
    topic_terms_en = models.TextField(editable=False, blank=True, default="")
    topic_terms_es = models.TextField(editable=False, blank=True, default="")
    # The weighted search vector per language (title A, summary and topics B, description C),
    # written by a PostgreSQL trigger on every insert and update (migration 0001, indexed
    # there); always empty on SQLite, where FTS5 tables do the work (medhome.search_engines).
    search_en = SearchVectorField(null=True, editable=False)
    search_es = SearchVectorField(null=True, editable=False)

    objects: ClassVar = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        # The public pages' orderings and filters at national scale (issue 12): the
        # library's "newest" order, a state page's resources, the home page's featured.
        indexes = [
            models.Index(fields=["-published_on", "id"], name="resource_newest"),
            models.Index(fields=["state", "-published_on"], name="resource_state_newest"),
            models.Index(
                fields=["-published_on"], condition=Q(featured=True), name="resource_featured"
            ),
        ]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"slug": self.slug})

    @property
    def body_html(self) -> SafeString:
        return render_markdown(self.body)


search.register_index(
    Resource,
    SEARCH_FIELDS,
    translated=("title", "summary", "body", "topic_terms"),
    headline=("summary", "body"),
    stored=True,
    refresh=topic_terms.refresh,
)


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    CHINESE = "zh", _("Chinese")
    VIETNAMESE = "vi", _("Vietnamese")
    ARABIC = "ar", _("Arabic")
    HAITIAN_CREOLE = "ht", _("Haitian Creole")
    SOMALI = "so", _("Somali")
    HMONG = "hmn", _("Hmong")


class Format(models.TextChoices):
    WEB = "web", _("Web page")
    PDF = "pdf", _("PDF")
    DOC = "doc", _("Word document")
    SLIDES = "slides", _("Slides")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")


class ResourceVersion(models.Model):
    """One language of a resource: a link or an uploaded file."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="versions", verbose_name=_("resource")
    )
    language = models.CharField(_("language"), max_length=3, choices=Language.choices)
    format = models.CharField(
        _("format"), max_length=6, choices=Format.choices, default=Format.WEB
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="resources/%Y/", blank=True)
    # Filled in by the link checker.
    last_checked_at = models.DateTimeField(_("link last checked"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last link error"), max_length=200, blank=True)

    class Meta:
        ordering = ["resource", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language", "format"], name="resource_version_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(file=""),
                name="resource_version_has_link_or_file",
                violation_error_message=_("Give a link or upload a file."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} ({self.get_language_display()})"

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


# --- Moderation: what the public shares through "Share a tool or update" --------


class SubmissionKind(models.TextChoices):
    ACTIVITY = "activity", _("Activities")
    BEST_PRACTICE = "best_practice", _("Best practice")
    LESSON = "lesson", _("Lesson learned")
    TOOL = "tool", _("Tool")


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Submission(QueueItem):
    """A tool or an update a visitor shares; staff accept it (a draft resource) or reject it."""

    kind = models.CharField(_("kind"), max_length=14, choices=SubmissionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    name = models.CharField(_("name"), max_length=150)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    file = models.FileField(
        _("file"),
        upload_to=submission_upload_to,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    original_filename = models.CharField(_("original file name"), max_length=200, blank=True)
    language = models.CharField(_("language of the form"), max_length=5, default="en")
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    rejection_reason = models.TextField(
        _("reason for rejecting"),
        blank=True,
        help_text=_("Kept for the record; say briefly why this was not added to the library."),
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("draft resource"),
        help_text=_("The draft resource created when the submission was accepted."),
    )

    class Meta(QueueItem.Meta):
        verbose_name = _("shared tool or update")
        verbose_name_plural = _("shared tools and updates")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="rejected") | ~models.Q(rejection_reason=""),
                name="submission_rejection_has_reason",
                violation_error_message=_("Say why the submission was rejected."),
            )
        ]

    def __str__(self) -> str:
        return self.title
