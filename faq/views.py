import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from medhome import feedback as page_feedback
from medhome.breadcrumbs import section_page, trail
from medhome.feedback import FeedbackForm
from medhome.search_views import correction, prepare_query
from medhome.text import plain_text
from resources.models import Resource

from .models import Category, Question, question_page

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


def published_questions():
    """Published questions with their published related questions and resources."""
    return (
        Question.objects.published()
        .select_related("category")
        # Grouping on the page needs each category's questions together.
        .order_by("category__order", "category__slug", "order", "pk")
        .prefetch_related(
            Prefetch(
                "related_questions",
                queryset=Question.objects.published().order_by("category__order", "order", "pk"),
            ),
            Prefetch(
                "related_resources",
                queryset=Resource.objects.published().order_by("-published_on", "pk"),
            ),
        )
    )


class FaqIndexView(TemplateView):
    template_name = "faq/question_list.html"
    category = None

    def get_questions(self):
        questions = published_questions()
        if self.category is not None:
            questions = questions.filter(category=self.category)
        return questions

    def get_context_data(self, **kwargs):
        search_query = prepare_query(self.request)
        query = search_query.text
        questions = self.get_questions()
        if query:
            questions = questions.search(search_query).order_by(
                "-search_rank", "category__order", "order", "pk"
            )
        questions = list(questions)
        context = {
            "questions": questions,
            "query": query,
            "correction": correction(self.request, search_query),
            "category": self.category,
            "breadcrumbs": section_page("faq"),
        }
        if not query:
            # Structured data describes the whole page, never a search result.
            context["json_ld"] = faq_page_json_ld(questions)
        if questions:
            context["last_updated"] = max(q.updated_at for q in questions)
        return super().get_context_data(**context, **kwargs)


class FaqCategoryView(FaqIndexView):
    template_name = "faq/category_detail.html"

    def get(self, request, *args, **kwargs):
        categories = Category.objects.all()
        if not request.user.is_staff:
            categories = categories.published()
        self.category = get_object_or_404(categories, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = trail("faq", here=self.category.name)
        return context


@require_POST
def feedback(request, slug):
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
