"""The resource list's filters and the counts beside each option.

Every parameter is lenient: values we do not know (an old bookmark, a typo, a
crafted URL) are dropped and reported, never an error page. Several values of
one filter mean "any of them"; different filters must all hold.
"""

import re
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear, Lower
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from medhome import jurisdictions, search
from medhome.cache import cached
from medhome.search import active_language, clean_query, localized

from .models import (
    Audience,
    Language,
    Resource,
    ResourceQuerySet,
    ResourceType,
    ResourceVersion,
    Topic,
)

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")
MAX_VALUES = 20


class LenientMultipleField(forms.Field):
    """A list of values from the query string; unknown ones are kept aside in
    `self.unknown` for a message instead of failing the form."""

    widget = forms.SelectMultiple

    def __init__(self, *, valid=None, **kwargs):
        self.valid = valid  # a callable: values -> the subset we know
        self.unknown = []
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values = list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
        values = values[:MAX_VALUES]
        known = self.valid(values) if self.valid else values
        self.unknown = [v for v in values if v not in known]
        return [v for v in values if v in known]

    def validate(self, value) -> None:
        pass


def _slugs_in(model):
    def valid(values):
        slugs = [v for v in values if SLUG.match(v)]
        if not slugs:
            return set()
        return set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))

    return valid


def _choices_in(choices):
    def valid(values):
        allowed = {str(value) for value, _label in choices()}
        return {v for v in values if v in allowed}

    return valid


def _years(values):
    return {v for v in values if v.isascii() and v.isdigit() and 1900 <= int(v) <= 2100}


class LenientMultipleFilter(django_filters.Filter):
    field_class = LenientMultipleField


class SortField(forms.CharField):
    def to_python(self, value) -> str:
        value = super().to_python(value)
        return value if value in dict(SORTS) else ""


class QueryField(forms.CharField):
    def to_python(self, value) -> str:
        return clean_query(value if isinstance(value, str) else "")


class QueryFilter(django_filters.Filter):
    field_class = QueryField


class SortFilter(django_filters.Filter):
    field_class = SortField


SORTS = [
    ("relevance", _("Best match")),
    ("newest", _("Newest first")),
    ("title", _("Title (A to Z)")),
]


class ResourceFilter(django_filters.FilterSet):
    q = QueryFilter(method="filter_q", label=_("Search"))
    type = LenientMultipleFilter(
        method="filter_type", valid=_slugs_in(ResourceType), label=_("Type")
    )
    topic = LenientMultipleFilter(method="filter_topic", valid=_slugs_in(Topic), label=_("Topic"))
    audience = LenientMultipleFilter(
        method="filter_audience", valid=_slugs_in(Audience), label=_("Audience")
    )
    language = LenientMultipleFilter(
        method="filter_language", valid=_choices_in(lambda: Language.choices), label=_("Language")
    )
    state = LenientMultipleFilter(
        method="filter_state",
        valid=_choices_in(lambda: [(j.code, j.code) for j in jurisdictions.JURISDICTIONS]),
        label=_("State or territory"),
    )
    year = LenientMultipleFilter(method="filter_year", valid=_years, label=_("Year"))
    sort = SortFilter(method="filter_sort", label=_("Sort by"))

    # Filters that have a facet box, in the order the boxes appear.
    FACETS = ["type", "topic", "audience", "language", "year", "state"]

    class Meta:
        model = Resource
        fields: list[str] = []

    # -- filtering -----------------------------------------------------------
    def filter_q(self, queryset, name, value) -> ResourceQuerySet:
        # The query is prepared (and a misspelt word corrected) once per request,
        # however many facet counts re-apply this filter.
        return queryset.search(self.search_query) if value else queryset

    @cached_property
    def search_query(self) -> search.Query:
        """What is searched: the typed query, misspelt words corrected unless the
        visitor asked for the exact words (exact=1)."""
        return search.prepare(self.query, correct=self.data.get("exact") != "1")

    def filter_type(self, queryset, name, value) -> ResourceQuerySet:
        return queryset.filter(resource_type__slug__in=value) if value else queryset

    def filter_topic(self, queryset, name, value) -> ResourceQuerySet:
        if not value:
            return queryset
        through = Resource.topics.through.objects.filter(topic__slug__in=value)
        return queryset.filter(pk__in=through.values("resource_id"))

    def filter_audience(self, queryset, name, value) -> ResourceQuerySet:
        if not value:
            return queryset
        # The stubs make this through model type[Never] (not Resource.topics.through).
        through = Resource.audiences.through.objects.filter(  # type: ignore[attr-defined]
            audience__slug__in=value
        )
        return queryset.filter(pk__in=through.values("resource_id"))

    def filter_language(self, queryset, name, value) -> ResourceQuerySet:
        if not value:
            return queryset
        versions = ResourceVersion.objects.filter(language__in=value)
        return queryset.filter(pk__in=versions.values("resource_id"))

    def filter_state(self, queryset, name, value) -> ResourceQuerySet:
        return queryset.filter(state__in=value) if value else queryset

    def filter_year(self, queryset, name, value) -> ResourceQuerySet:
        return (
            queryset.filter(published_on__year__in=[int(y) for y in value]) if value else queryset
        )

    def filter_sort(self, queryset, name, value) -> ResourceQuerySet:
        return queryset  # applied last, in filter_queryset

    @property
    def current_sort(self) -> str:
        chosen = self.form.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        if chosen == "relevance" and not self.query:
            return "newest"
        return chosen or ("relevance" if self.query else "newest")

    @property
    def query(self) -> str:
        return self.form.cleaned_data.get("q", "") if self.is_bound and self.is_valid() else ""

    def filter_queryset(self, queryset) -> ResourceQuerySet:
        queryset = super().filter_queryset(queryset)
        return self.order(queryset)

    def order(self, queryset) -> ResourceQuerySet:
        if self.current_sort == "relevance":
            return queryset.order_by("-search_rank", "-published_on", "pk")
        if self.current_sort == "title":
            return queryset.order_by(Lower(localized("title", active_language())), "pk")
        return queryset.order_by("-published_on", "pk")

    # -- what the page shows -------------------------------------------------
    def selected(self, name) -> list[str]:
        return self.form.cleaned_data.get(name) or [] if self.is_valid() else []

    def unknown_values(self) -> list[str]:
        self.is_valid()
        found = []
        for name in self.FACETS:
            found += self.form.fields[name].unknown
        return found

    def is_filtered(self) -> bool:
        return bool(self.query) or self.has_facet_filters()

    def has_facet_filters(self) -> bool:
        """A filter other than the search words is chosen."""
        return any(self.selected(name) for name in self.FACETS)

    def queryset_without(self, facet) -> ResourceQuerySet:
        """The published resources matching every active filter except `facet`:
        the base of that facet's counts, so its options count what choosing them
        would add to the current selection."""
        queryset = self.queryset
        data = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            if name in (facet, "sort"):
                continue
            queryset = filter_.filter(queryset, data.get(name))
        return queryset

    def state_key(self) -> tuple:
        """What the results depend on, normalised (order of values, sort and page do
        not count): the key of the cached facet and result counts."""
        return (
            "resources",
            self.search_query.text if self.query else "",
            tuple((name, tuple(sorted(self.selected(name)))) for name in self.FACETS),
        )

    def facets(self) -> list["Facet"]:
        """Every facet's options and counts, cached per filter state, language and
        content version (medhome.cache)."""
        if not self.is_valid():
            return []
        return cached(("facets", self.state_key()), self._compute_facets)

    def _compute_facets(self) -> list["Facet"]:
        return [self._facet(name) for name in self.FACETS]

    def _facet(self, name) -> "Facet":
        base = self.queryset_without(name).order_by().values("pk")
        selected = self.selected(name)
        counts: list[tuple[str, str, int]]
        if name in ("type", "topic", "audience"):
            model, relation = {
                "type": (ResourceType, "resources"),
                "topic": (Topic, "resources"),
                "audience": (Audience, "resources"),
            }[name]
            rows: Any = model._default_manager.annotate(
                n=Count(relation, filter=Q(**{f"{relation}__in": base}), distinct=True)
            )
            counts = [(row.slug, str(row.name), row.n) for row in rows]
        elif name == "language":
            labels = dict(Language.choices)
            rows = (
                ResourceVersion.objects.filter(resource__in=base)
                .values("language")
                .annotate(n=Count("resource", distinct=True))
                .order_by()
            )
            by_code = {row["language"]: row["n"] for row in rows}
            counts = [(code, str(labels[code]), by_code.get(code, 0)) for code in labels]
        elif name == "year":
            rows = (
                Resource.objects.filter(pk__in=base)
                .annotate(y=ExtractYear("published_on"))
                .values("y")
                .annotate(n=Count("pk"))
                .order_by("-y")
            )
            counts = [(str(row["y"]), str(row["y"]), row["n"]) for row in rows]
        else:  # state
            rows = (
                Resource.objects.filter(pk__in=base)
                .exclude(state="")
                .values("state")
                .annotate(n=Count("pk"))
                .order_by()
            )
            by_code = {row["state"]: row["n"] for row in rows}
            counts = [
                (j.code, j.name, by_code[j.code])
                for j in jurisdictions.JURISDICTIONS
                if j.code in by_code
            ]
        options = [
            FacetOption(value, label, n, value in selected)
            for value, label, n in counts
            if n or value in selected
        ]
        return Facet(name, str(self.filters[name].label), options)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)
