"""Resource alerts: a library filter saved as a dict, read back, described and matched.

The filter is the resource library's own (resources.filters.ResourceFilter), so an
alert matches exactly what the library shows for the same address; values the
library does not know are dropped when the alert is saved.
"""

from django.http import QueryDict
from django.utils import translation

from medhome import jurisdictions
from resources.filters import ResourceFilter
from resources.models import Audience, Language, Resource, ResourceType, Topic

# The library's filters an alert keeps (sorting and paging mean nothing in an email).
KEYS = ("type", "topic", "audience", "language", "state", "year")
# Resources one message lists at most (the rest are a click away in the library).
MESSAGE_LIMIT = 20


def normalize(data) -> dict:
    """The library filter in `data` (a QueryDict or a query string) as a stable dict:
    {"q": words, name: [sorted known values]}, leaving out what is empty or unknown."""
    if isinstance(data, str):
        data = QueryDict(data)
    filterset = ResourceFilter(data=data, queryset=Resource.objects.none())
    if not filterset.is_valid():
        return {}
    cleaned = filterset.form.cleaned_data
    filters = {key: sorted(cleaned[key]) for key in KEYS if cleaned.get(key)}
    if cleaned.get("q"):
        filters["q"] = cleaned["q"]
    return filters


def querystring(filters: dict) -> str:
    """The library's address parameters for a saved filter."""
    data = QueryDict(mutable=True)
    if filters.get("q"):
        data["q"] = filters["q"]
    for key in KEYS:
        values = filters.get(key) or []
        if values:
            data.setlist(key, [str(v) for v in values])
    return data.urlencode()


def new_resources(filters: dict, since, until, *, limit: int = MESSAGE_LIMIT) -> list[Resource]:
    """Resources that went live after `since` (up to `until`) and match the filter, newest
    first. Run it in the subscriber's language: the search words are matched in it."""
    base = Resource.objects.went_live_between(since, until).for_cards()
    filterset = ResourceFilter(data=QueryDict(querystring(filters)), queryset=base)
    return list(filterset.qs.order_by("-publish_at", "pk")[:limit])


def describe(alerts) -> None:
    """Give each alert `.summary`: [(label, values)] in the active language, `.words`: its
    search words, and `.library_query`: the library's address parameters. The names of every alert's types, topics and audiences are read in three
    queries however many alerts there are."""
    wanted: dict[str, set[str]] = {key: set() for key in ("type", "topic", "audience")}
    for alert in alerts:
        for key in wanted:
            wanted[key].update(alert.filters.get(key) or [])
    names = {
        key: dict(model.objects.filter(slug__in=wanted[key]).values_list("slug", "name"))
        if wanted[key]
        else {}
        for key, model in (("type", ResourceType), ("topic", Topic), ("audience", Audience))
    }
    labels = dict(Language.choices)
    fields = ResourceFilter.base_filters
    for alert in alerts:
        filters = alert.filters or {}
        summary = []
        alert.words = filters.get("q") or ""
        for key in KEYS:
            values = filters.get(key) or []
            if not values:
                continue
            if key in names:
                shown = [names[key].get(v, v) for v in values]
            elif key == "language":
                shown = [str(labels.get(v, v)) for v in values]
            elif key == "state":
                places = [(v, jurisdictions.get(v)) for v in values]
                shown = [place.name if place else v for v, place in places]
            else:
                shown = [str(v) for v in values]
            summary.append((fields[key].label, shown))
        alert.summary = summary
        alert.library_query = querystring(filters)


def describe_in(alert, language: str) -> None:
    with translation.override(language):
        describe([alert])
