import json
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from medhome import feedback as page_feedback
from medhome.breadcrumbs import section_page, trail
from medhome.feedback import FeedbackForm
from medhome.forms import same_site_post
from medhome.models import Status
from medhome.pagination import CachedCountPaginator, lenient_page
from medhome.search import active_language
from medhome.search_views import correction, prepare_query
from medhome.text import plain_text
from resources.models import Resource

from .models import Category, Question, QuestionQuerySet, question_page

# Escapes that keep JSON inside <script> from closing the tag (as json_script does).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_script(data) -> str:
    return mark_safe(  # noqa: S308 (<, > and & are escaped: the JSON cannot end the script)
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )


def faq_page_json_ld(questions) -> str:
    return json_for_script(
        {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question.question,
                    "acceptedAnswer": {"@type": "Answer", "text": plain_text(question.answer)},
                }
                for question in questions
            ],
        }
    )


# A list page shows at most this many questions; the rest are on the next pages.
PAGE_SIZE = 50
# The FAQ index shows this many questions of each topic, then a link to the topic.
INDEX_PER_CATEGORY = 5


def question_url_prefix() -> str:
    """The address of every question page up to its slug, reversed once per page
    rather than once per listed question."""
    return reverse("faq:question", kwargs={"slug": "_"})[:-2]


def question_links() -> QuestionQuerySet:
    """Published questions as list rows: only the columns a link needs."""
    return (
        Question.objects.published()
        .only("pk", "slug", "question_en", "question_es", "category_id", "updated_at")
        .order_by("category__order", "category__slug", "order", "pk")
    )


class FaqIndexView(TemplateView):
    """The topics, each with its first questions as links, and the FAQ search
    (a page of matching questions as links with the matching words)."""

    template_name = "faq/question_list.html"
    category: Category | None = None

    def get_questions(self) -> QuestionQuerySet:
        questions = question_links()
        if self.category is not None:
            questions = questions.filter(category=self.category)
        return questions

    def search_results(self, search_query) -> tuple[Page, str]:
        matches = (
            self.get_questions()
            .search(search_query)
            .select_related("category")
            .order_by("-search_rank", "category__order", "order", "pk")
        )
        # The count (a scan of every match) is kept under the content version.
        key = (
            "faq-search",
            active_language(),
            self.category and self.category.pk,
            search_query.text,
        )
        paginator = CachedCountPaginator(matches, PAGE_SIZE, count_key=key)
        return lenient_page(paginator, self.request.GET.get("page"))

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        search_query = prepare_query(self.request)
        query = search_query.text
        context: dict[str, Any] = {
            "query": query,
            "correction": correction(self.request, search_query),
            "category": self.category,
            "breadcrumbs": section_page("faq"),
            "question_prefix": question_url_prefix(),
        }
        if query:
            page, context["page_note"] = self.search_results(search_query)
            context.update(page_obj=page, questions=page.object_list)
        else:
            context.update(self.listing())
        dates = [q.updated_at for q in context["questions"]]
        if dates:
            context["last_updated"] = max(dates)
        return super().get_context_data(**context, **kwargs)

    def listing(self) -> dict:
        """The index: every topic with its number of questions and its first few."""
        categories = list(
            Category.objects.annotate(
                published=Count("questions", filter=Q(questions__status=Status.PUBLISHED))
            )
            .filter(published__gt=0)
            .order_by("order", "slug")
        )
        # The first few of each topic, in one query (a window over the topics).
        rows = list(
            question_links()
            .annotate(
                place=Window(
                    RowNumber(),
                    partition_by=[F("category_id")],
                    order_by=[F("order").asc(), F("pk").asc()],
                )
            )
            .filter(place__lte=INDEX_PER_CATEGORY)
        )
        by_category: dict[int, list[Question]] = {}
        for question in rows:
            by_category.setdefault(question.category_id, []).append(question)
        for category in categories:
            category.first_questions = by_category.get(category.pk, [])  # type: ignore[attr-defined]
        return {"categories": categories, "questions": rows}


class FaqCategoryView(FaqIndexView):
    """A topic's questions as links, a page at a time."""

    template_name = "faq/category_detail.html"
    category: Category  # set by get() before anything reads it

    def get(self, request, *args, **kwargs) -> HttpResponse:
        categories = Category.objects.all()
        if not request.user.is_staff:
            categories = categories.published()
        self.category = get_object_or_404(categories, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def listing(self) -> dict:
        paginator = Paginator(self.get_questions(), PAGE_SIZE)
        page, note = lenient_page(paginator, self.request.GET.get("page"))
        return {"page_obj": page, "questions": page.object_list, "page_note": note}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = trail("faq", here=self.category.name)
        return context


class FaqQuestionView(TemplateView):
    """One question and its answer, with its related questions and resources."""

    template_name = "faq/question_detail.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        question = get_object_or_404(
            Question.objects.published()
            .select_related("category")
            .prefetch_related(
                Prefetch(
                    "related_questions",
                    queryset=Question.objects.published()
                    .only("pk", "slug", "question_en", "question_es")
                    .order_by("category__order", "order", "pk"),
                ),
                Prefetch(
                    "related_resources",
                    queryset=Resource.objects.published()
                    .only("pk", "slug", "title_en", "title_es")
                    .order_by("-published_on", "pk"),
                ),
            ),
            slug=self.kwargs["slug"],
        )
        category = question.category
        return super().get_context_data(
            question=question,
            json_ld=faq_page_json_ld([question]),
            breadcrumbs=trail("faq", category, here=question.question),
            last_updated=question.updated_at,
            **kwargs,
        )


@same_site_post
def feedback(request, slug) -> HttpResponse:
    """The FAQ's entry to the site's "was this helpful?" (medhome.feedback), one per question."""
    question = get_object_or_404(Question.objects.published(), slug=slug)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose yes or no."))
    with translation.override(settings.LANGUAGE_CODE):
        title = question.question
    # The flood of votes as a whole is limited per client by RATE_LIMITS["faq:feedback"].
    page_feedback.record(
        request,
        page=question_page(question),
        title=title,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
    )
    page_feedback.thank(request)
    # Back to the page the vote came from (a category page, a search), at the question.
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(f"{back}#{question.slug}")
    return redirect(question.get_absolute_url())
