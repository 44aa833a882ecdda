"""Query counts pinned and shown not to grow with the data."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from medhome import httpcache


def assert_queries_do_not_grow(client, url: str, grow: Callable[[], object], expected: int):
    """GET `url` with little data and again after `grow()` added much more: both answer 200
    with exactly `expected` queries (after a warm-up request, so no one-off cache fill counts)."""
    assert client.get(url).status_code == 200
    counts = []
    for step in (lambda: None, grow):
        step()
        httpcache.pages.clear()  # the page store would answer: count the render
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(queries))
    assert counts == [expected, expected], [q["sql"] for q in queries.captured_queries]
    return response
