"""The FAQ's group in the site search, and its question suggestions."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medhome import search
from medhome.search import SearchGroup, SearchHit, highlight, render_headline, top_with_count
from medhome.templatetags.translated import shown_in
from medhome.text import plain_text

from .models import Question


def site_search(query: search.Query, limit: int) -> SearchGroup:
    query = search.prepare(query)
    matches = (
        Question.objects.published()
        .search(query)
        .select_related("category")
        .order_by("-search_rank", "category__order", "order", "pk")
    )
    rows, count = top_with_count(matches, limit)
    hits = [
        SearchHit(
            title=highlight(question.question, query),
            url=question.get_absolute_url(),
            snippet=render_headline(question.search_headline)
            or Truncator(plain_text(question.answer)).words(30),
            meta=question.category.name,
            other_language=shown_in(question, "question", "answer"),
        )
        for question in rows
    ]
    return SearchGroup(
        key="faq",
        title=_("Frequently asked questions"),
        count=count,
        hits=hits,
        more_url=f"{reverse('faq:index')}?{urlencode({'q': query.text})}",
        more_label=ngettext(
            "See the matching question in the FAQ",
            "See all %(count)d matching questions in the FAQ",
            count,
        )
        % {"count": count},
    )


def suggest(prefix: str, limit: int) -> list[dict]:
    rows = search.suggest(Question.objects.published(), prefix).order_by(
        "-search_rank", "category__order", "order", "pk"
    )[:limit]
    return [
        {
            "title": q.question,
            "url": q.get_absolute_url(),
            "kind": "question",
            "rank": q.search_rank,
        }
        for q in rows.only("pk", "slug", "question_en", "question_es")
    ]
