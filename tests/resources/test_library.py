"""The library page (/resources/): filters, facet counts, sorting, search, pages."""

import re

import pytest

from medhome.search_spelling import rebuild_vocabulary
from tests.resources.factories import (
    AudienceFactory,
    ResourceFactory,
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


def test_resource_list_query_count_is_constant(client, library, django_assert_num_queries):
    url = "/en/resources/?q=coordination&topic=care-coordination&language=es&sort=title"
    rebuild_vocabulary()
    # topic slugs checked; the query's words looked up in the spelling vocabulary;
    # the count and the six facets' counts (one query); page of resources with type;
    # their versions; demo marker
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(7):
        client.get(url)
    coordination = library["plan"].topics.get()
    for n in range(30):
        ResourceFactory(
            title_en=f"Coordination tool {n}",
            topics=[coordination, TopicFactory(slug=f"extra-{n % 4}")],
            audiences=[AudienceFactory(slug=f"aud-{n % 3}")],
            languages=["en", "es"],
            state="CA" if n % 2 else "",
        )
    with django_assert_num_queries(7):
        response = client.get(url)
    # The guide, the 30 new tools, and the plan, found by its topic's name (issue 11).
    assert response.context["paginator"].count == 32


def test_unfiltered_resource_list_query_count_is_constant(
    client, library, django_assert_num_queries
):
    # count and six facets (one query); page with type; versions; demo marker
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        client.get("/en/resources/")
    ResourceFactory.create_batch(30, languages=["en", "es", "vi"])
    with django_assert_num_queries(5):
        client.get("/en/resources/")
