"""The site search page: one query over every registered group (medhome.search)."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from medhome.search import MAX_QUERY_LENGTH, clean_query, search_everything


def site_search(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    groups = search_everything(query)
    return render(
        request,
        "medhome/search.html",
        {
            "query": query,
            "shortened": len(raw) > MAX_QUERY_LENGTH,
            "groups": groups,
            "total": sum(group.count for group in groups),
            "breadcrumbs": [(_("Search"), None)],
        },
    )
