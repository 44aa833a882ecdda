from typing import ClassVar, Self

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from medhome import search
from medhome.models import Publishable, PublishableQuerySet, Status
from medhome.text import render_markdown


class Category(Publishable):
    """A group of questions; a draft category hides its questions from the public."""

    slug = models.SlugField(_("short name"), unique=True, help_text=_("Used in web addresses."))
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )

    objects: ClassVar = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("faq:category", kwargs={"slug": self.slug})


SEARCH_FIELDS = [("question", "A"), ("answer", "C")]


class QuestionQuerySet(PublishableQuerySet):
    def published(self) -> "QuestionQuerySet":
        """Published questions in a published category."""
        now = timezone.now()
        return (
            super()
            .published()
            .filter(category__status=Status.PUBLISHED, category__publish_at__lte=now)
        )

    def search(self, query) -> models.QuerySet:
        """Matches of `query` (a string or a prepared medhome.search.Query), with
        search_rank and search_headline."""
        return search.search(self, query)

    def for_landing(self, *, audiences, categories) -> Self:
        """Questions tagged for any of these audiences or in any of these categories."""
        tagged = Question.objects.filter(audiences__slug__in=audiences).values("pk")
        return (
            self.filter(pk__in=tagged) | self.filter(category__slug__in=categories)
        ).select_related("category")


class Question(Publishable):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="questions", verbose_name=_("category")
    )
    question = models.CharField(_("question"), max_length=300)
    slug = models.SlugField(
        _("anchor"),
        max_length=120,
        unique=True,
        help_text=_("Used to link straight to this question; keep it once published."),
    )
    answer = models.TextField(
        _("answer"),
        help_text=_(
            "Markdown: blank lines between paragraphs, - for a list, [text](https://...)."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first within the category.")
    )
    related_questions = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="referenced_by",
        verbose_name=_("related questions"),
    )
    # An answer may point to resources; the library never points back.
    related_resources = models.ManyToManyField(
        "resources.Resource",
        blank=True,
        related_name="+",
        verbose_name=_("related resources"),
    )

    audiences = models.ManyToManyField(
        "resources.Audience",
        blank=True,
        related_name="+",
        verbose_name=_("audiences"),
        help_text=_(
            "Who this question is for. It is then also listed on the matching "
            "audience page (for families, for clinicians, for states)."
        ),
    )

    # The weighted search vector per language (question A, answer C), written by a
    # PostgreSQL trigger (migration 0002); unused on SQLite, where FTS5 tables do the work.
    search_en = SearchVectorField(null=True, editable=False)
    search_es = SearchVectorField(null=True, editable=False)

    objects: ClassVar = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("faq:question", kwargs={"slug": self.slug})

    @property
    def answer_html(self) -> SafeString:
        return render_markdown(self.answer)


def question_page(question) -> str:
    """The page key a question's "was this helpful?" answers are counted under
    (medhome.models.PageFeedback): the FAQ address, at the question."""
    return f"/faq/#{question.slug}"


search.register_index(
    Question,
    SEARCH_FIELDS,
    translated=("question", "answer"),
    headline=("answer",),
    stored=True,
)
