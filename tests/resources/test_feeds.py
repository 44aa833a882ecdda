"""The new-resources Atom feed: published resources only, and a query count that does not grow."""

import pytest

from medhome.models import Status
from tests.queries import assert_queries_do_not_grow
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_feed_query_count_is_constant(client):
    ResourceFactory.create_batch(2)
    # The content version (read once a request for the public ETag), then the newest 20
    # published resources with their type.
    response = assert_queries_do_not_grow(
        client, "/en/resources/feed/", lambda: ResourceFactory.create_batch(30), 2
    )
    assert response.content.count(b"<entry>") == 20


def test_feed_lists_new_published_resources(client, library):
    ResourceFactory(title_en="Secret draft", status=Status.DRAFT)
    response = client.get("/en/resources/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Care plan template" in body
    assert "Secret draft" not in body
