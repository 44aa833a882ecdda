"""The FAQ's group in the site search."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medhome.search import SearchGroup, SearchHit, render_headline
from medhome.text import plain_text

from .models import Question


def site_search(query: str, limit: int) -> SearchGroup:
    matches = Question.objects.published().search(query)
    count = matches.count()
    hits = [
        SearchHit(
            title=question.question,
            url=question.get_absolute_url(),
            snippet=render_headline(getattr(question, "search_headline", None))
            or Truncator(plain_text(question.answer)).words(30),
            meta=question.category.name,
        )
        for question in matches.select_related("category").order_by(
            "-search_rank", "category__order", "order", "pk"
        )[:limit]
    ]
    return SearchGroup(
        key="faq",
        title=_("Frequently asked questions"),
        count=count,
        hits=hits,
        more_url=f"{reverse('faq:index')}?{urlencode({'q': query})}",
        more_label=ngettext(
            "See the matching question in the FAQ",
            "See all %(count)d matching questions in the FAQ",
            count,
        )
        % {"count": count},
    )
