"""The newsletter's Atom feed: its query count is pinned and does not grow."""

import pytest

from tests.newsletter.factories import IssueFactory, IssueSectionFactory
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_feed_query_count_is_constant(client):
    IssueSectionFactory.create_batch(2)
    # The content version (read once a request for the public ETag), then the newest 20
    # sent issues.
    response = assert_queries_do_not_grow(
        client, "/en/newsletter/feed/", lambda: IssueFactory.create_batch(30), 2
    )
    assert response.content.count(b"<entry>") == 20
