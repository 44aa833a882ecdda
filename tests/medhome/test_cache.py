"""The content version (medhome.cache): what public pages cache under it is never
served once the content it came from changes: publishing, unpublishing, editing,
deleting, linking, a scheduled date arriving."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from medhome import cache, httpcache
from medhome.models import DemoMarker, PageFeedback, Status
from tests.faq.factories import QuestionFactory
from tests.newsletter.factories import SubscriberFactory
from tests.resources.factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def facet(response, name):
    return {
        o.value: o.count for f in response.context["facets"] if f.name == name for o in f.options
    }


def count(response):
    return response.context["paginator"].count


@pytest.fixture
def topic():
    topic = TopicFactory(slug="coordination", name_en="Coordination")
    ResourceFactory(topics=[topic])
    return topic


def test_saving_public_content_moves_the_version_and_public_writes_do_not():
    first = cache.content_version()
    resource = ResourceFactory()
    second = cache.content_version()
    assert second != first
    QuestionFactory()
    assert cache.content_version() != second
    third = cache.content_version()
    SubscriberFactory()
    PageFeedback.objects.create(page="/x/", title="x", helpful=True)
    assert cache.content_version() == third
    resource.delete()
    assert cache.content_version() != third


@pytest.mark.parametrize(
    "label",
    [
        "medhome.pagefeedback",
        "medhome.searchterm",
        "newsletter.subscriber",
        "newsletter.alert",
        "newsletter.delivery",
        "mentorship.introductionrequest",
        "mentorship.assistancerequest",
        "mentorship.nomination",
        "resources.submission",
    ],
)
def test_what_the_public_writes_never_empties_the_cache(label):
    # A vote, a subscription, an alert or a request from a visitor must not make
    # every page recompute its cached counts: anyone could flush the cache at will.
    from django.apps import apps

    assert not cache.is_content(apps.get_model(label))


def test_a_request_reads_the_version_once_and_cached_values_cost_no_query(client, topic):
    client.get("/en/resources/")  # computes and keeps the facets and counts
    httpcache.pages.clear()  # render the page again rather than serve the stored one
    with CaptureQueriesContext(connection) as warm:
        response = client.get("/en/resources/")
    sql = [q["sql"] for q in warm.captured_queries]
    assert sum("medhome_cache" in s for s in sql) == 1  # the version
    assert not any("resources_topic" in s for s in sql)  # no facet count
    assert not any("COUNT(" in s.upper() for s in sql)  # no result count
    assert facet(response, "topic") == {"coordination": 1}


def test_publishing_shows_at_once_in_the_facets_and_the_count(client, topic):
    assert count(client.get("/en/resources/")) == 1
    draft = ResourceFactory(topics=[topic], status=Status.DRAFT)
    response = client.get("/en/resources/")
    assert count(response) == 1
    assert facet(response, "topic") == {"coordination": 1}
    draft.status = Status.PUBLISHED
    draft.save()
    response = client.get("/en/resources/")
    assert count(response) == 2
    assert facet(response, "topic") == {"coordination": 2}
    # The filtered page has its own key, and follows too.
    assert count(client.get("/en/resources/?topic=coordination")) == 2


def test_unpublishing_deleting_and_unlinking_show_at_once(client, topic):
    other = ResourceFactory(topics=[topic])
    assert facet(client.get("/en/resources/"), "topic") == {"coordination": 2}
    other.topics.remove(topic)
    assert facet(client.get("/en/resources/"), "topic") == {"coordination": 1}
    other.status = Status.ARCHIVED
    other.save()
    assert count(client.get("/en/resources/")) == 1
    other.delete()
    assert count(client.get("/en/resources/")) == 1


def test_renaming_a_topic_shows_in_the_facet_labels_in_each_language(client, topic):
    assert "Coordination" in client.get("/en/resources/").content.decode()
    topic.name_en = "Care coordination"
    topic.name_es = "Coordinación"
    topic.save()
    assert "Care coordination" in client.get("/en/resources/").content.decode()
    assert "Coordinación" in client.get("/es/resources/").content.decode()


def test_a_scheduled_resource_appears_when_its_date_comes(client, topic):
    soon = timezone.now() + datetime.timedelta(seconds=1.5)
    ResourceFactory(topics=[topic], publish_at=soon)
    assert count(client.get("/en/resources/")) == 1
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.1)
    response = client.get("/en/resources/")
    assert count(response) == 2
    assert facet(response, "topic") == {"coordination": 2}


def test_the_demo_notice_follows_the_demo_marker(client, settings):
    settings.DEMO_NOTICE = True
    assert "demo-notice" not in client.get("/en/resources/").content.decode()
    marker = DemoMarker.objects.create()
    assert "demo-notice" in client.get("/en/resources/").content.decode()
    marker.delete()
    assert "demo-notice" not in client.get("/en/resources/").content.decode()


def test_the_footer_date_follows_an_edit(client):
    resource = ResourceFactory()
    client.get("/en/contact/")
    resource.save()  # updated_at moves on
    html = client.get("/en/contact/").content.decode()
    assert f'datetime="{timezone.localdate(resource.updated_at):%Y-%m-%d}"' in html


def test_a_lost_version_is_replaced_by_a_new_one(client, topic):
    before = cache.content_version()
    from django.core.cache import cache as shared

    shared.delete(cache.VERSION_KEY)
    assert cache.content_version() != before
    assert count(client.get("/en/resources/")) == 1


def test_an_event_leaves_the_upcoming_lists_when_it_ends(client):
    """Stored pages and kept fragments (the events list, home's band) follow the clock: the
    version moves when an event ends, with no save."""
    from tests.events.factories import EventFactory

    ends = timezone.now() + datetime.timedelta(seconds=1.5)
    EventFactory(
        title_en="Huddles in practice",
        starts_at=ends - datetime.timedelta(hours=1),
        ends_at=ends,
    )
    assert "Huddles in practice" in client.get("/en/events/").content.decode()
    assert "Huddles in practice" in client.get("/en/").content.decode()
    time.sleep(max(0, (ends - timezone.now()).total_seconds()) + 0.1)
    assert "Huddles in practice" not in client.get("/en/events/").content.decode()
    assert "Huddles in practice" not in client.get("/en/").content.decode()
    assert "Huddles in practice" in client.get("/en/events/past/").content.decode()
