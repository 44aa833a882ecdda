"""The library's facet counts and result count come from one query (issue 12): they are
the same as the per-facet queries that query replaced, on either database."""

import datetime

import pytest
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils import translation

from medhome import jurisdictions
from resources.filters import ResourceFilter
from resources.models import Audience, Language, Resource, ResourceType, ResourceVersion, Topic
from tests.resources.factories import (
    AudienceFactory,
    ResourceFactory,
    ResourceTypeFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def one_query_per_facet(filterset, name):
    """A facet's (value, label, count, selected) the way the page computed them before
    issue 12: one query per facet (and per taxonomy, its labels with it)."""
    base = filterset.queryset_without(name).order_by().values("pk")
    if name in ("type", "topic", "audience"):
        model = {"type": ResourceType, "topic": Topic, "audience": Audience}[name]
        rows = model._default_manager.annotate(
            n=Count("resources", filter=Q(resources__in=base), distinct=True)
        )
        counts = [(row.slug, str(row.name), row.n) for row in rows]
    elif name == "language":
        found = (
            ResourceVersion.objects.filter(resource__in=base)
            .values("language")
            .annotate(n=Count("resource", distinct=True))
            .order_by()
        )
        by_code = {row["language"]: row["n"] for row in found}
        counts = [(code, str(label), by_code.get(code, 0)) for code, label in Language.choices]
    elif name == "year":
        found = (
            Resource.objects.filter(pk__in=base)
            .annotate(y=ExtractYear("published_on"))
            .values("y")
            .annotate(n=Count("pk"))
            .order_by("-y")
        )
        counts = [(str(row["y"]), str(row["y"]), row["n"]) for row in found]
    else:
        found = (
            Resource.objects.filter(pk__in=base)
            .exclude(state="")
            .values("state")
            .annotate(n=Count("pk"))
            .order_by()
        )
        by_code = {row["state"]: row["n"] for row in found}
        counts = [
            (j.code, j.name, by_code[j.code])
            for j in jurisdictions.JURISDICTIONS
            if j.code in by_code
        ]
    selected = filterset.selected(name)
    return [(v, label, n, v in selected) for v, label, n in counts if n or v in selected]


@pytest.fixture
def shelves(library):
    """The library, and more: types, topics and audiences in a set order, Spanish
    names, states, years, resources without a state, a type with nothing in it."""
    ResourceTypeFactory(slug="empty-type", name_en="Nothing here", order=0)
    topics = [TopicFactory(slug=f"t-{n}", name_en=f"Topic {n}", order=5 - n) for n in range(4)]
    audiences = [
        AudienceFactory(slug=f"a-{n}", name_en=f"Audience {n}", order=n % 2) for n in range(3)
    ]
    for n in range(12):
        ResourceFactory(
            title_en=f"Coordination item {n}",
            resource_type=ResourceTypeFactory(slug=["tool", "guide", "video"][n % 3]),
            topics=topics[: 1 + n % 4],
            audiences=[audiences[n % 3]],
            languages=[["en"], ["en", "es"], ["es", "vi"]][n % 3],
            published_on=datetime.date(2015 + n % 5, 1, 1),
            state=["", "CA", "UT", "PR"][n % 4],
        )


QUERIES = [
    "",
    "type=tool",
    "type=tool&type=empty-type",
    "topic=care-coordination&language=es&sort=title",
    "topic=t-1&audience=a-0&year=2016&year=2017",
    "state=CA&state=AK",
    "language=vi&state=UT",
    "q=care coordination",
    "q=coordination&topic=t-0&language=en",
    "q=zzzzqqqq",
    "q=coordination&type=video&topic=t-2&audience=a-2&language=es&year=2017&state=PR",
]


@pytest.mark.smoke
@pytest.mark.parametrize("language", ["en", "es"])
def test_one_query_gives_what_one_query_per_facet_gave(shelves, language):
    translation.activate(language)
    for query in QUERIES:
        filterset = ResourceFilter(QueryDict(query), queryset=Resource.objects.published())
        assert filterset.is_valid()
        facets = filterset.facets()
        assert [f.name for f in facets] == ResourceFilter.FACETS
        for f in facets:
            got = [(o.value, o.label, o.count, o.selected) for o in f.options]
            assert got == one_query_per_facet(filterset, f.name), (query, f.name)
        assert filterset.result_count() == filterset.qs.count(), query


def test_the_labels_follow_the_page_language_and_fall_back_to_english(shelves):
    Topic.objects.filter(slug="t-0").update(name_es="Tema cero")
    Topic.objects.filter(slug="t-1").update(name_es="")
    translation.activate("es")
    filterset = ResourceFilter(QueryDict(""), queryset=Resource.objects.published())
    labels = {o.value: o.label for f in filterset.facets() if f.name == "topic" for o in f.options}
    assert labels["t-0"] == "Tema cero"
    assert labels["t-1"] == "Topic 1"
