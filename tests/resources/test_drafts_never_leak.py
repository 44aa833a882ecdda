"""Drafts, future and archived resources stay off every public page: list, counts, search,
detail, related resources, landing pages, feed; staff can preview."""

import datetime

import pytest
from django.utils import timezone

from medhome.models import Status
from tests.resources.factories import (
    AudienceFactory,
    ResourceFactory,
    ResourceTypeFactory,
)
from tests.resources.helpers import facet, titles

pytestmark = pytest.mark.django_db


class TestDraftsNeverLeak:
    @pytest.fixture
    def hidden(self, library):
        topic = library["plan"].topics.first()
        draft = ResourceFactory(
            title_en="Hidden draft coordination",
            status=Status.DRAFT,
            topics=[topic],
            resource_type=ResourceTypeFactory(slug="webinar"),
            languages=["vi"],
            state="WY",
        )
        future = ResourceFactory(
            title_en="Future coordination",
            publish_at=timezone.now() + datetime.timedelta(days=3),
            topics=[topic],
        )
        archived = ResourceFactory(
            title_en="Archived coordination", status=Status.ARCHIVED, topics=[topic]
        )
        return [draft, future, archived]

    def test_not_in_the_list_or_its_counts(self, client, hidden):
        response = client.get("/en/resources/")
        assert response.context["paginator"].count == 3
        assert "webinar" not in facet(response, "type")
        assert "vi" not in facet(response, "language")
        assert "WY" not in facet(response, "state")
        assert facet(response, "topic")["care-coordination"] == 2

    def test_not_found_by_search(self, client, hidden):
        response = client.get("/en/resources/?q=coordination")
        assert all(
            "coordination" not in t or t == "A guide to coordination" for t in titles(response)
        )

    def test_detail_is_not_found(self, client, hidden):
        for resource in hidden:
            assert client.get(resource.get_absolute_url()).status_code == 404

    def test_staff_can_preview_a_draft(self, admin_client, hidden):
        response = admin_client.get(hidden[0].get_absolute_url())
        assert response.status_code == 200
        assert "only staff can see this page" in response.content.decode()

    def test_not_among_related_resources(self, client, hidden, library):
        response = client.get(library["plan"].get_absolute_url())
        assert all(r.status == Status.PUBLISHED for r in response.context["related"])
        assert "Hidden draft" not in response.content.decode()

    def test_not_on_landing_pages_or_in_the_feed(self, client, hidden):
        hidden[0].audiences.set([AudienceFactory(slug="families")])
        assert "Hidden draft" not in client.get("/en/resources/for/families/").content.decode()
        assert "Hidden draft" not in client.get("/en/resources/feed/").content.decode()
