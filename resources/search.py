"""The library's group in the site search."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medhome.search import SearchGroup, SearchHit, render_headline

from .models import Resource


def site_search(query: str, limit: int) -> SearchGroup:
    matches = Resource.objects.published().search(query)
    count = matches.count()
    hits = [
        SearchHit(
            title=resource.title,
            url=resource.get_absolute_url(),
            snippet=render_headline(getattr(resource, "search_headline", None))
            or resource.summary,
            meta=resource.resource_type.name,
        )
        for resource in matches.select_related("resource_type").order_by(
            "-search_rank", "-published_on", "pk"
        )[:limit]
    ]
    return SearchGroup(
        key="resources",
        title=_("Resources and tools"),
        count=count,
        hits=hits,
        more_url=f"{reverse('resources:list')}?{urlencode({'q': query})}",
        more_label=ngettext(
            "See the resource in the library, with filters",
            "See all %(count)d resources in the library, with filters",
            count,
        )
        % {"count": count},
    )
