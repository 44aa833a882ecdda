"""The library page (/resources/): filters, facet counts, sorting, search, pages."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medhome import cache as content_cache
from medhome.search_spelling import rebuild_vocabulary
from tests.resources.factories import (
    AudienceFactory,
    ResourceFactory,
    ResourceTypeFactory,
    TopicFactory,
)
from tests.resources.helpers import facet, titles

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_list_shows_published_resources_newest_first(client, library):
    response = client.get("/en/resources/")
    assert response.status_code == 200
    assert titles(response) == [
        "Transition checklist",
        "A guide to coordination",
        "Care plan template",
    ]
    assert 'aria-live="polite"' in response.content.decode()
    assert "3 resources" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=guide", {"A guide to coordination"}),
        ("topic=transitions", {"Transition checklist", "A guide to coordination"}),
        ("audience=families", {"Care plan template", "A guide to coordination"}),
        ("language=es", {"Care plan template", "A guide to coordination"}),
        ("state=UT", {"Transition checklist"}),
        ("year=2023", {"Care plan template"}),
    ],
)
def test_each_filter_alone(client, library, query, expected):
    assert set(titles(client.get(f"/en/resources/?{query}"))) == expected


def test_several_values_of_one_filter_mean_any_of_them(client, library):
    response = client.get("/en/resources/?year=2023&year=2025")
    assert set(titles(response)) == {"Care plan template", "Transition checklist"}


def test_filters_combine_so_every_one_must_hold(client, library):
    response = client.get("/en/resources/?topic=care-coordination&audience=clinicians&language=es")
    assert titles(response) == ["A guide to coordination"]
    response = client.get("/en/resources/?type=tool&topic=care-coordination&language=es")
    assert titles(response) == ["Care plan template"]


def test_facet_counts_reflect_the_other_filters(client, library):
    response = client.get("/en/resources/?audience=families")
    # Two resources for families: both share care coordination, one transitions.
    assert facet(response, "topic") == {"care-coordination": 2, "transitions": 1}
    assert facet(response, "type") == {"tool": 1, "guide": 1}
    assert facet(response, "language") == {"en": 1, "es": 2}
    # A facet's own choice does not narrow its counts: the other audience still shows.
    assert facet(response, "audience") == {"families": 2, "clinicians": 2}
    assert facet(response, "year") == {"2023": 1, "2024": 1}


def test_facet_counts_label_the_options_in_the_page(client, library):
    html = client.get("/en/resources/?audience=families").content.decode()
    assert re.search(r'value="families"[^>]*checked', html)
    assert 'Care coordination <span class="facet-count">(<span aria-hidden="true">2</span>' in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["Transition checklist", "A guide to coordination", "Care plan template"]),
        ("title", ["A guide to coordination", "Care plan template", "Transition checklist"]),
    ],
)
def test_sort_orders(client, library, sort, expected):
    assert titles(client.get(f"/en/resources/?sort={sort}")) == expected


def test_sort_by_title_uses_the_spanish_titles_in_spanish(client, library):
    library["plan"].title_es = "Zanahoria"
    library["plan"].save()
    library["checklist"].title_es = "Albaricoque"
    library["checklist"].save()
    library["guide"].title_es = "Mango"
    library["guide"].save()
    assert titles(client.get("/es/resources/?sort=title")) == ["Albaricoque", "Mango", "Zanahoria"]


def test_pagination_keeps_the_filters(client):
    topic = TopicFactory(slug="screening")
    ResourceFactory.create_batch(25, topics=[topic])
    response = client.get("/en/resources/?topic=screening&sort=title")
    html = response.content.decode()
    assert response.context["page_obj"].paginator.num_pages == 2
    assert "?topic=screening&amp;sort=title&amp;page=2" in html
    second = client.get("/en/resources/?topic=screening&sort=title&page=2")
    assert len(second.context["resources"]) == 5


def test_active_filter_chips_remove_one_value_and_keep_the_rest(client, library):
    html = client.get("/en/resources/?audience=families&topic=transitions&page=1").content.decode()
    assert (
        'href="?audience=families#results"' in html
    )  # removing the topic keeps the audience, drops page
    assert 'href="?topic=transitions#results"' in html


def test_spanish_list_shows_spanish_titles_and_labels(client, library):
    library["plan"].title_es = "Plantilla de plan de cuidado"
    library["plan"].save()
    html = client.get("/es/resources/?language=es").content.decode()
    assert "Plantilla de plan de cuidado" in html
    assert "Herramienta" in html


@pytest.mark.parametrize(
    "query",
    [
        "topic=nope",
        "type=%27%3B--",
        "language=xx",
        "state=ZZ",
        "year=abc",
        "year=99999",
        "sort=evil",
        "topic=" + "a" * 300,
        "q=%00",
        "q=%27",
        "q=%25",
        "q=%5C",
        "q=" + "x" * 10_000,
        "q=%F0%9F%98%80",
        "audience=%00",
        "q=a%00b&topic=%00",
    ],
)
def test_bad_filter_values_give_a_normal_page(client, library, query):
    response = client.get(f"/en/resources/?{query}")
    assert response.status_code == 200


def test_unknown_filter_values_are_ignored_with_a_message(client, library):
    response = client.get("/en/resources/?topic=nope&type=guide")
    assert titles(response) == ["A guide to coordination"]
    assert "were not recognised" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "99", "-1", "%00"])
def test_bad_pages_show_a_real_page_with_a_note(client, library, page):
    # Shared links keep working as results change (tests/medhome/test_share_and_find.py).
    response = client.get(f"/en/resources/?page={page}")
    assert response.status_code == 200
    assert response.context["page_note"]


def test_empty_result_shows_an_empty_state_with_a_way_out(client, library):
    # Only words, no filter: the page says the words matched nothing.
    html = client.get("/en/resources/?q=zzzzqqqq").content.decode()
    assert "No resources match these filters." not in html
    assert "No resources match “zzzzqqqq”." in html
    assert "Search the whole site for “zzzzqqqq”" in html
    assert "Clear all filters" in html
    # A filter chosen: the page says the filters matched nothing.
    html = client.get("/en/resources/?q=zzzzqqqq&type=tool").content.decode()
    assert "No resources match these filters." in html


def test_a_link_narrows_to_resources_in_spanish_keeping_other_filters(client, library):
    html = client.get("/es/resources/?topic=transitions&page=1").content.decode()
    assert 'href="?topic=transitions&amp;language=es#results"' in html
    response = client.get("/es/resources/?topic=transitions&language=es")
    assert titles(response) == ["Recurso número {}".format(library["guide"].slug.split("-")[1])]
    assert "Mostrar solo los recursos disponibles en español" not in response.content.decode()


def test_a_very_long_query_is_shortened_with_a_message(client, library):
    html = client.get("/en/resources/", {"q": "plan " * 3000}).content.decode()
    assert "first 200 characters" in html


# The library's pages and their queries on a cold request, at most 8 (issue 12): the
# content version (medhome.cache, read once a request); the count and the six facets'
# counts (one query, resources.filters); the page of resources with their type; their
# language versions; the demo marker. A type, topic or audience asked for: +1, the
# three checked in one query. Words searched: +1, looked up in the spelling vocabulary.
COLD_QUERIES = {
    "/en/resources/": 5,
    "/en/resources/?topic=care-coordination&language=es&sort=title": 6,
    "/en/resources/?q=care coordination": 6,
    "/en/resources/?q=coordination&topic=care-coordination&language=es&sort=title": 7,
    "/en/resources/?q=coordination&type=guide&topic=care-coordination"
    "&audience=families&audience=clinicians&language=es&year=2023&year=2024": 7,
    # Nothing matches: no page of resources nor their versions to fetch; the footer's
    # date (medhome.cache) looked up instead.
    "/en/resources/?q=coordination&type=tool&topic=care-coordination"
    "&audience=families&audience=clinicians&language=es&year=2023&year=2024&state=UT": 6,
    "/es/resources/?q=recurso&type=guide&audience=clinicians": 7,
}


def cold_get(client, url, *, flush_version=False):
    """GET `url` with this process's caches empty (medhome.cache's values) and the site's
    cache emptied too; the content version is then renewed before the request, as the
    first request anywhere on the site does after a flush, unless `flush_version`.
    Returns the response and its queries."""
    content_cache.clear_local()
    cache.clear()
    if not flush_version:
        content_cache.content_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [q["sql"] for q in queries.captured_queries]


def grow_the_library(library, n=30):
    coordination = library["plan"].topics.get()
    for i in range(n):
        ResourceFactory(
            title_en=f"Coordination tool {i}",
            resource_type=ResourceTypeFactory(slug=["tool", "guide", "video"][i % 3]),
            topics=[coordination, TopicFactory(slug=f"extra-{i % 4}")],
            audiences=[AudienceFactory(slug=f"aud-{i % 3}"), library["guide"].audiences.first()],
            languages=[["en", "es"], ["es"], ["en", "vi", "zh"]][i % 3],
            published_on=datetime.date(2010 + i % 15, 1, 1),
            state=["", "CA", "UT"][i % 3],
        )


def test_cold_and_warm_library_queries_stay_within_budget_as_the_library_grows(client, library):
    rebuild_vocabulary()
    for step in ("small", "grown"):
        if step == "grown":
            grow_the_library(library)
            rebuild_vocabulary()
        for url, expected in COLD_QUERIES.items():
            _response, cold = cold_get(client, url)
            assert len(cold) == expected <= 8, (step, url, cold)
            with CaptureQueriesContext(connection) as warm:
                client.get(url)
            # Warm: the counts come from this process's memory.
            assert len(warm) <= expected - 1, (step, url, warm.captured_queries)
    # The 30 new tools, the guide, and the plan (found by its topic's name, issue 11).
    response, _ = cold_get(client, "/en/resources/?q=coordination&topic=care-coordination")
    assert response.context["paginator"].count == 32


def is_the_version(sql):
    """A query of the content version: read or written in the site's cache (a database
    table in tests), or the next scheduled publication (medhome.cache)."""
    return any(part in sql for part in ("medhome_cache", "SAVEPOINT", '"publish_at") AS "first"'))


def test_after_a_flush_of_the_site_cache_only_the_version_renewal_is_added(client, library):
    """The version lives in the site's cache (Redis in production: no SQL; the database
    cache here: its own queries). A flush renews it once for the whole site, on the first
    request after it; that request's other queries are the cold ones."""
    for url in COLD_QUERIES:
        _response, cold = cold_get(client, url)
        _response, flushed = cold_get(client, url, flush_version=True)
        assert [is_the_version(sql) for sql in cold].count(True) == 1  # read once
        others = [sql for sql in flushed if not is_the_version(sql)]
        assert len(others) == len(cold) - 1, (url, flushed)


def test_one_query_checks_the_types_topics_and_audiences_asked_for(client, library):
    _response, unfiltered = cold_get(client, "/en/resources/")
    url = "/en/resources/?type=tool&type=nope&topic=transitions&topic=x&audience=clinicians"
    response, queries = cold_get(client, url)
    assert len(queries) == len(unfiltered) + 1
    assert titles(response) == ["Transition checklist"]
    assert response.context["unknown_filters"] == ["nope", "x"]
