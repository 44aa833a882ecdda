import datetime

import pytest

from medhome.models import Status
from tests.events.factories import EventFactory, in_days
from tests.resources.factories import AudienceFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [event.title for event in response.context["events"]]


@pytest.mark.smoke
def test_list_shows_upcoming_published_events_soonest_first(client):
    EventFactory(title_en="Later", starts_at=in_days(30))
    EventFactory(title_en="Sooner", starts_at=in_days(3))
    EventFactory(title_en="Draft", status=Status.DRAFT)
    EventFactory(title_en="Scheduled", publish_at=in_days(2))
    EventFactory(title_en="Over", starts_at=in_days(-3))
    response = client.get("/en/events/")
    assert response.status_code == 200
    assert titles(response) == ["Sooner", "Later"]
    assert "2 events" in response.content.decode()


def test_event_under_way_stays_in_the_list_until_it_ends(client):
    now = in_days(0)
    EventFactory(
        title_en="Under way",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    assert titles(client.get("/en/events/")) == ["Under way"]
    assert titles(client.get("/en/events/past/")) == []


def test_past_events_move_to_the_archive_newest_first(client):
    EventFactory(title_en="Old", starts_at=in_days(-60))
    EventFactory(title_en="Recent", starts_at=in_days(-5), ends_at=None)
    EventFactory(title_en="Next", starts_at=in_days(5))
    response = client.get("/en/events/past/")
    assert titles(response) == ["Recent", "Old"]
    assert "Next" not in response.content.decode()


def test_list_query_count_is_constant(client, django_assert_num_queries):
    families = AudienceFactory(slug="families")
    for _ in range(2):
        EventFactory(audiences=[families])
    # count for the paginator, the page of events, their audiences (prefetch),
    # the demo-notice marker (the footer's date is the newest event shown)
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        client.get("/en/events/")
    for _ in range(10):
        EventFactory(audiences=[families], recording=ResourceFactory())
    with django_assert_num_queries(5):
        response = client.get("/en/events/")
    assert len(response.context["events"]) == 12


def test_archive_query_count_is_constant(client, django_assert_num_queries):
    for _ in range(2):
        EventFactory(starts_at=in_days(-10), recording=ResourceFactory())
    # As the upcoming list (the footer's date is the newest event shown).
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        client.get("/en/events/past/")
    for _ in range(25):
        EventFactory(starts_at=in_days(-10), recording=ResourceFactory())
    with django_assert_num_queries(5):
        response = client.get("/en/events/past/?page=2")
    assert len(response.context["events"]) == 7


def test_detail_shows_time_in_the_events_own_zone_in_both_languages(client):
    start = datetime.datetime(2030, 3, 5, 19, 0, tzinfo=datetime.UTC)
    EventFactory(
        slug="coordination",
        title_en="Care coordination",
        title_es="Coordinación de la atención",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        time_zone="America/New_York",
        registration_url="https://example.org/register",
    )
    html = client.get("/en/events/coordination/").content.decode()
    assert "Tuesday, March 5, 2030, 2 p.m." in html
    assert "3 p.m." in html
    assert ">EST</abbr>" in html
    assert 'href="https://example.org/register"' in html
    assert 'href="/en/events/coordination/event.ics"' in html
    html_es = client.get("/es/events/coordination/").content.decode()
    assert "Coordinación de la atención" in html_es
    assert "martes, 5 de marzo de 2030, 14:00" in html_es


def test_past_event_links_its_published_recording(client):
    recording = ResourceFactory(slug="the-recording")
    EventFactory(slug="old", starts_at=in_days(-30), recording=recording)
    html = client.get("/en/events/old/").content.decode()
    assert "Watch the recording" in html
    assert 'href="/en/resources/the-recording/"' in html
    assert "event.ics" not in html


def test_past_event_does_not_link_a_draft_recording(client):
    recording = ResourceFactory(slug="draft-recording", status=Status.DRAFT)
    EventFactory(slug="old", starts_at=in_days(-30), recording=recording)
    html = client.get("/en/events/old/").content.decode()
    assert "draft-recording" not in html
    assert "No recording is online" in html


def test_draft_event_is_hidden_from_the_public_and_previewed_by_staff(client, admin_client):
    EventFactory(slug="draft", status=Status.DRAFT)
    assert client.get("/en/events/draft/").status_code == 404
    assert client.get("/en/events/draft/event.ics").status_code == 404
    response = admin_client.get("/en/events/draft/")
    assert response.status_code == 200
    assert "only staff can see this page" in response.content.decode()


def test_ics_file_describes_the_event_in_utc(client):
    start = datetime.datetime(2030, 3, 5, 19, 0, tzinfo=datetime.UTC)
    event = EventFactory(
        slug="coordination",
        title_en="Care, coordination; and more",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=90),
        format="in_person",
        place_en="Main hall, Chicago",
    )
    response = client.get("/en/events/coordination/event.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="coordination.ics"' in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert f"UID:event-{event.pk}@testserver" in text
    assert "DTSTART:20300305T190000Z" in text
    assert "DTEND:20300305T203000Z" in text
    assert "SUMMARY:Care\\, coordination\\; and more" in text
    assert "LOCATION:Main hall\\, Chicago" in text
    assert "URL:http://testserver/en/events/coordination/" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_calendar_of_all_upcoming_events(client):
    EventFactory(title_en="Coming")
    EventFactory(title_en="Gone", starts_at=in_days(-5))
    EventFactory(title_en="Hidden", status=Status.DRAFT)
    text = client.get("/en/events/calendar.ics").content.decode()
    assert text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Coming" in text


def test_feed_lists_upcoming_published_events(client):
    EventFactory(title_en="Coming", slug="coming")
    EventFactory(title_en="Hidden", status=Status.DRAFT)
    response = client.get("/en/events/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "Coming" in xml
    assert "/en/events/coming/" in xml
    assert "Hidden" not in xml
    assert "Seminario" in client.get("/es/events/feed/").content.decode()


def test_home_page_shows_the_next_two_events(client):
    EventFactory(title_en="First", starts_at=in_days(2))
    EventFactory(title_en="Second", starts_at=in_days(4))
    EventFactory(title_en="Third", starts_at=in_days(6))
    EventFactory(title_en="Already over", starts_at=in_days(-6))
    html = client.get("/en/").content.decode()
    assert "Upcoming events and webinars" in html
    assert "First" in html
    assert "Second" in html
    assert "Third" not in html
    assert "Already over" not in html


def test_sitemap_lists_event_pages_and_published_events(client):
    EventFactory(slug="open-event")
    EventFactory(slug="draft-event", status=Status.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/events/", "/events/past/", "/events/open-event/"):
        assert f"/en{path}" in xml
        assert f"/es{path}" in xml
    assert "draft-event" not in xml


@pytest.mark.parametrize("page", ["x", "0", "999", "%00"])
def test_a_bad_page_number_shows_a_page_with_a_note_not_a_404(client, page):
    from tests.events.factories import EventFactory

    EventFactory(title_en="Care plans, an hour")
    for path in ("/en/events/", "/en/events/past/"):
        response = client.get(path, {"page": page})
        assert response.status_code == 200, path
    assert "Care plans, an hour" in client.get("/en/events/", {"page": page}).content.decode()
