"""The site search page, the suggestions endpoint, and the "Showing results for"
links every search page shares."""

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from medhome import ratelimit, search
from medhome.breadcrumbs import trail

# Suggestions: at most this many titles, cached this long per language and prefix.
SUGGEST_LIMIT = 8
SUGGEST_CACHE_SECONDS = 300
# Requests per client (a person typing sends one per pause).
SUGGEST_RATE = "120/m"


def prepare_query(request) -> search.Query:
    """The page's query: misspelt words corrected unless the visitor asked for the
    exact words (exact=1, the "search instead for" link)."""
    return search.prepare(request.GET.get("q", ""), correct=request.GET.get("exact") != "1")


def correction(request, query: search.Query) -> dict | None:
    """Links for "Showing results for X — search instead for Y" (other parameters kept)."""
    if not query.corrected:
        return None
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("exact", None)
    params["q"] = query.text
    shown_url = f"?{params.urlencode()}"
    params["q"] = query.original
    params["exact"] = "1"
    return {
        "shown": query.text,
        "typed": query.original,
        "shown_url": shown_url,
        "typed_url": f"?{params.urlencode()}",
    }


def site_search(request) -> HttpResponse:
    raw = request.GET.get("q", "")
    query = prepare_query(request)
    groups = search.search_everything(query)
    return render(
        request,
        "medhome/search.html",
        {
            "query": query.text,
            "correction": correction(request, query),
            "shortened": len(raw) > search.MAX_QUERY_LENGTH,
            "groups": groups,
            "total": sum(group.count for group in groups),
            "breadcrumbs": trail(here=_("Search")),
        },
    )


@require_GET
def suggest(request) -> JsonResponse:
    """Titles of resources and questions whose words start like what was typed:
    {"query": ..., "suggestions": [{"title", "url", "kind"}]}. Cached; rate limited
    per client (429 past the limit)."""
    prefix = search.clean_query(request.GET.get("q", ""))[:60]
    if ratelimit.hit(request, "search-suggest", rate=SUGGEST_RATE):
        return JsonResponse({"query": prefix, "suggestions": []}, status=429)
    if len(prefix) < 2:
        return JsonResponse({"query": prefix, "suggestions": []})
    lang = search.active_language()
    key = "search-suggest:" + lang + ":" + urlencode({"q": search.fold(prefix)})
    suggestions = cache.get(key)
    if suggestions is None:
        suggestions = search.suggestions(prefix, SUGGEST_LIMIT)
        cache.set(key, suggestions, SUGGEST_CACHE_SECONDS)
    response = JsonResponse({"query": prefix, "suggestions": suggestions})
    response["Cache-Control"] = f"max-age={SUGGEST_CACHE_SECONDS}"
    return response
