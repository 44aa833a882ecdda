"""The new-resources Atom feed: its query count is pinned and does not grow."""

import pytest

from tests.queries import assert_queries_do_not_grow
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_feed_query_count_is_constant(client):
    ResourceFactory.create_batch(2)
    # The newest 20 published resources with their type.
    response = assert_queries_do_not_grow(
        client, "/en/resources/feed/", lambda: ResourceFactory.create_batch(30), 1
    )
    assert response.content.count(b"<entry>") == 20
