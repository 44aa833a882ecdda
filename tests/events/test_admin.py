import datetime

import pytest
from django.contrib.admin.sites import site

from events.models import Event
from medhome.models import Status
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def _post(admin_client, url, **overrides):
    data = {
        "title_en": "Care coordination",
        "title_es": "Coordinación",
        "slug": "care-coordination",
        "summary_en": "An hour on coordination.",
        "summary_es": "Una hora.",
        "time_zone": "America/Los_Angeles",
        "starts_at_0": "2030-03-05",
        "starts_at_1": "10:00",
        "ends_at_0": "2030-03-05",
        "ends_at_1": "11:30",
        "format": "online",
        "language": "en",
        "status": Status.PUBLISHED,
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00",
        **overrides,
    }
    return admin_client.post(url, data)


def test_staff_type_times_in_the_events_own_zone(admin_client):
    response = _post(admin_client, "/admin/events/event/add/")
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    # 10:00 in Los Angeles (PST, UTC-8) is 18:00 UTC.
    assert event.starts_at == datetime.datetime(2030, 3, 5, 18, 0, tzinfo=datetime.UTC)
    assert event.ends_at == datetime.datetime(2030, 3, 5, 19, 30, tzinfo=datetime.UTC)


def test_change_form_shows_times_as_typed(admin_client):
    event = EventFactory(
        time_zone="America/Los_Angeles",
        starts_at=datetime.datetime(2030, 3, 5, 18, 0, tzinfo=datetime.UTC),
        ends_at=None,
    )
    html = admin_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'value="10:00:00"' in html


def test_end_before_start_is_a_clear_error(admin_client):
    response = _post(admin_client, "/admin/events/event/add/", ends_at_1="09:00")
    assert response.status_code == 200
    assert "The event cannot end before it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_event_admin_keeps_history():
    assert hasattr(Event, "history")
    assert Event in site._registry
