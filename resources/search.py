"""The library's group in the site search, and its title suggestions."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medhome import search
from medhome.search import SearchGroup, SearchHit, highlight, render_headline, top_with_count
from medhome.templatetags.translated import shown_in

from .models import Resource


def site_search(query: search.Query, limit: int) -> SearchGroup:
    query = search.prepare(query)
    matches = (
        Resource.objects.published()
        .search(query)
        .select_related("resource_type")
        .order_by("-search_rank", "-published_on", "pk")
    )
    rows, count = top_with_count(matches, limit)
    hits = [
        SearchHit(
            title=highlight(resource.title, query),
            url=resource.get_absolute_url(),
            snippet=render_headline(resource.search_headline) or resource.summary,
            meta=resource.resource_type.name,
            other_language=shown_in(resource, "title", "summary"),
        )
        for resource in rows
    ]
    return SearchGroup(
        key="resources",
        title=_("Resources and tools"),
        count=count,
        hits=hits,
        more_url=f"{reverse('resources:list')}?{urlencode({'q': query.text})}",
        more_label=ngettext(
            "See the resource in the library, with filters",
            "See all %(count)d resources in the library, with filters",
            count,
        )
        % {"count": count},
    )


def suggest(prefix: str, limit: int) -> list[dict]:
    rows = search.suggest(Resource.objects.published(), prefix).order_by(
        "-search_rank", "-published_on", "pk"
    )[:limit]
    return [
        {"title": r.title, "url": r.get_absolute_url(), "kind": "resource", "rank": r.search_rank}
        for r in rows.only("pk", "slug", "title_en", "title_es")
    ]
