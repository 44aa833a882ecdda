"""The featured resources band of the home page."""

import pytest

from medhome.models import Status
from tests.resources.factories import (
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


def test_home_partial_shows_featured_resources(client):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from resources.models import Resource

    ResourceFactory(title_en="Featured one", featured=True)
    ResourceFactory(title_en="Not featured")
    ResourceFactory(title_en="Featured draft", featured=True, status=Status.DRAFT)
    featured = Resource.objects.published().filter(featured=True).for_cards()[:6]
    html = render_to_string(
        "resources/_home.html",
        {"featured_resources": featured},
        request=RequestFactory().get("/en/"),
    )
    assert "Featured one" in html
    assert "Not featured" not in html
    assert "Featured draft" not in html
