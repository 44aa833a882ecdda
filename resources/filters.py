"""The resource list's filters and the counts beside each option.

Every parameter is lenient: values we do not know (an old bookmark, a typo, a
crafted URL) are dropped and reported, never an error page. Several values of
one filter mean "any of them"; different filters must all hold.
"""

import re
from dataclasses import dataclass
from functools import partial
from typing import Any

import django_filters
from django import forms
from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Cast, ExtractYear, Lower
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
        values = requested(value)
        if not values:
            return []
        known = self.valid(values) if self.valid else values
        self.unknown = [v for v in values if v not in known]
        return [v for v in values if v in known]

    def validate(self, value) -> None:
        pass


def requested(value) -> list[str]:
    """One parameter's values as asked: stripped, each once, at most MAX_VALUES."""
    if not value:
        return []
    if isinstance(value, str):
        value = [value]
    return list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))[:MAX_VALUES]


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
    # Type, topic and audience values are checked against their tables in one query
    # for the three (see `form`).
    type = LenientMultipleFilter(method="filter_type", label=_("Type"))
    topic = LenientMultipleFilter(method="filter_topic", label=_("Topic"))
    audience = LenientMultipleFilter(method="filter_audience", label=_("Audience"))
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

    @property
    def form(self) -> Any:  # django-filters' form: its fields are ours (LenientMultipleField)
        if not hasattr(self, "_form"):
            form = super().form
            for name in TAXONOMIES:
                form.fields[name].valid = partial(self._existing, name)
        return self._form

    def _existing(self, name, values) -> set[str]:
        return set(values) & self._existing_slugs[name]

    @cached_property
    def _existing_slugs(self) -> dict[str, set[str]]:
        """Of the types, topics and audiences asked for, those that exist: one query
        for the three (a UNION ALL), none when none is asked for."""
        parts = []
        for name, model in TAXONOMIES.items():
            raw = self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name)
            slugs = [v for v in requested(raw) if SLUG.match(v)]
            if slugs:
                found = plain(model).filter(slug__in=slugs).order_by()
                parts.append(found.annotate(facet=Value(name, output_field=CharField())))
        existing: dict[str, set[str]] = {name: set() for name in TAXONOMIES}
        if parts:
            pairs = [part.values_list("facet", "slug") for part in parts]
            for name, slug in pairs[0].union(*pairs[1:], all=True).order_by():
                existing[name].add(slug)
        return existing

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
        return self._summary().facets

    def result_count(self) -> int:
        """How many resources match (the paginator's count): computed with the facet
        counts, in the same query, and cached with them."""
        return self._summary().count

    def _summary(self) -> "Summary":
        # Per language: a search's matches depend on the page's language.
        return cached(("library", self.state_key()), self._compute_summary)

    def _compute_summary(self) -> "Summary":
        """The result count and every facet's counts in ONE query: a UNION ALL of one
        GROUP BY per facet over that facet's base (queryset_without), each row
        (facet, option, label, rank, count), and a row for the total over every filter."""
        total = rows(plain(Resource).filter(pk__in=self._base(None)), "", Value(""), Count("pk"))
        parts = [self._count_part(name) for name in self.FACETS]
        by_facet: dict[str, list[tuple[str, str, int]]] = {name: [] for name in self.FACETS}
        count = 0
        for facet, key, label, _rank, n in total.union(*parts, all=True).order_by(
            "facet", "rank", "key"
        ):
            if facet:
                by_facet[facet].append((key, label, n))
            else:
                count = n
        return Summary([self._facet(name, by_facet[name]) for name in self.FACETS], count)

    def _base(self, facet) -> QuerySet:
        return self.queryset_without(facet).order_by().values("pk")

    def _count_part(self, name) -> QuerySet:
        """One facet's rows (option, label, rank, count) over the filter set minus that
        facet: each option counts what choosing it would give."""
        base = self._base(name)
        if name in TAXONOMIES:
            # Every option, with its label and order, counted (zero when none match).
            return rows(
                plain(TAXONOMIES[name]),
                name,
                F("slug"),
                Count("resources", filter=Q(resources__in=base), distinct=True),
                label=Cast(localized("name", active_language()), CharField()),
                rank=F("order"),
            )
        if name == "language":
            versions = plain(ResourceVersion).filter(resource__in=base)
            return rows(versions, name, F("language"), Count("resource", distinct=True))
        resources = plain(Resource).filter(pk__in=base)
        if name == "year":
            year = ExtractYear("published_on")
            # Newest first.
            return rows(resources, name, Cast(year, CharField()), Count("pk"), rank=-year)
        # state
        return rows(resources.exclude(state=""), name, F("state"), Count("pk"))

    def _facet(self, name, counts: list[tuple[str, str, int]]) -> "Facet":
        """A facet box from its rows: labels and order from the code where the options
        are fixed lists (languages, states), from the row where they are tables."""
        selected = self.selected(name)
        if name == "language":
            by_code = {key: n for key, _label, n in counts}
            counts = [(code, str(label), by_code.get(code, 0)) for code, label in Language.choices]
        elif name == "state":
            by_code = {key: n for key, _label, n in counts}
            counts = [
                (j.code, j.name, by_code[j.code])
                for j in jurisdictions.JURISDICTIONS
                if j.code in by_code
            ]
        elif name == "year":
            counts = [(key, key, n) for key, _label, n in counts]
        options = [
            FacetOption(value, label, n, value in selected)
            for value, label, n in counts
            if n or value in selected
        ]
        return Facet(name, str(self.filters[name].label), options)


def rows(queryset, facet, key, n, label=None, rank=None) -> QuerySet:
    """`queryset` grouped by `key` as rows of the facet union: (facet, key, label, rank,
    n), `n` an aggregate. Label and rank are empty where the code supplies them."""
    return (
        queryset.order_by()
        .annotate(
            facet=Value(facet, output_field=CharField()),
            key=key,
            label=Value("") if label is None else label,
            rank=Value(0) if rank is None else rank,
        )
        .values(*COLUMNS[:-1])
        .annotate(n=n)
        .values_list(*COLUMNS)
    )


def plain(model) -> QuerySet:
    """A plain Django queryset of `model`: modeltranslation's (the default manager's)
    rewrites values(name=expression) into a GROUP BY of every column."""
    return QuerySet(model=model)


# The columns of the facet union, in order.
COLUMNS = ("facet", "key", "label", "rank", "n")
# Facets whose options are rows of a table, and that table.
TAXONOMIES: dict[str, Any] = {"type": ResourceType, "topic": Topic, "audience": Audience}


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


@dataclass
class Summary:
    """What the library page shows of a filter state besides the page of results."""

    facets: list[Facet]
    count: int
