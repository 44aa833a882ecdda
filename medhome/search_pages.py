"""The site search's group for the pages staff write (About the center, ...)."""

from django.utils.translation import gettext as _

from medhome import search
from medhome.models import Page
from medhome.search import SearchGroup, SearchHit, highlight, render_headline, top_with_count
from medhome.templatetags.translated import shown_in


def site_search(query: search.Query, limit: int) -> SearchGroup:
    query = search.prepare(query)
    matches = search.search(Page.objects.published(), query)
    rows, count = top_with_count(matches.order_by("-search_rank", "slug"), limit)
    hits = [
        SearchHit(
            title=highlight(page.title, query),
            url=page.get_absolute_url(),
            snippet=render_headline(page.search_headline) or page.summary,
            other_language=shown_in(page, "title", "summary", "body"),
        )
        for page in rows
    ]
    return SearchGroup(key="pages", title=_("Pages"), count=count, hits=hits)
