"""A resource's page (/resources/<slug>/): versions, topics, audiences, related resources."""

import pytest

from tests.resources.factories import (
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


def test_detail_page_shows_versions_topics_audiences_and_related(client, library):
    response = client.get("/en/resources/{}/".format(library["plan"].slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert "Care plan template" in html
    assert "https://example.org/{}/es".format(library["plan"].slug) in html
    assert 'hreflang="es"' in html
    assert "Web page" in html
    assert "?topic=care-coordination" in html
    assert "?audience=families" in html
    assert [r.title for r in response.context["related"]] == ["A guide to coordination"]


def test_related_resources_rank_by_shared_topics(client, library):
    response = client.get("/en/resources/{}/".format(library["guide"].slug))
    related = [r.title for r in response.context["related"]]
    assert set(related) == {"Care plan template", "Transition checklist"}


def test_detail_of_a_state_resource_names_the_state(client, library):
    html = client.get("/en/resources/{}/".format(library["checklist"].slug)).content.decode()
    assert "Utah" in html


def test_unknown_detail_is_not_found(client):
    assert client.get("/en/resources/no-such-thing/").status_code == 404


def test_detail_page_query_count_is_constant(client, library, django_assert_num_queries):
    url = library["plan"].get_absolute_url()
    # resource with type; topics; audiences; versions; related with type; their versions; demo marker
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(8):
        client.get(url)
    ResourceFactory.create_batch(
        10, topics=list(library["plan"].topics.all()), languages=["en", "es"]
    )
    with django_assert_num_queries(8):
        client.get(url)
