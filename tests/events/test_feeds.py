"""The events' Atom feed and calendars: query counts pinned, not growing with the events."""

import pytest

from tests.events.factories import EventFactory
from tests.queries import assert_queries_do_not_grow
from tests.resources.factories import AudienceFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def _many_events():
    families = AudienceFactory(slug="families")
    for _ in range(25):
        EventFactory(audiences=[families], recording=ResourceFactory())


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/en/events/feed/", 2),  # the content version (for the ETag), the upcoming events
        ("/en/events/calendar.ics", 2),  # the same
    ],
)
def test_feed_and_calendar_query_counts_are_constant(client, url, queries):
    EventFactory.create_batch(2)
    response = assert_queries_do_not_grow(client, url, _many_events, queries)
    assert response.content.count(b"Webinar number") >= 20


def test_one_events_calendar_file_takes_two_queries(client):
    # The content version (the public ETag reads it once a request) and the event.
    event = EventFactory(slug="coordination")
    assert_queries_do_not_grow(client, "/en/events/coordination/event.ics", _many_events, 2)
    assert event.title.encode() in client.get("/en/events/coordination/event.ics").content
