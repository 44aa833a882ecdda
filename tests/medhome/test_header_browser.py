"""At 1280 px the header keeps navigation and search on one row in both languages (the
Spanish labels are longer), and everything on a page sits inside a landmark."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from medhome.models import DemoMarker
from tests.resources.factories import ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_desktop_header_has_two_rows_and_all_content_is_in_landmarks(live_server, page, lang):
    DemoMarker.objects.get_or_create(pk=1)
    resource = ResourceFactory(slug="care-plan", languages=["en", "es"])
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/{lang}{resource.get_absolute_url()[3:]}")
    header = page.locator("header.site-header")
    nav = header.locator(".main-nav").bounding_box()
    search = header.locator(".nav-search").bounding_box()
    brand = header.locator(".brand").bounding_box()
    # Row one: brand and language; row two: navigation with the search box beside it.
    assert search["y"] < nav["y"] + nav["height"] / 2 < search["y"] + search["height"]
    assert search["x"] > nav["x"] + nav["width"]
    assert nav["y"] >= brand["y"] + brand["height"] - 2
    assert header.locator(".site-header__inner").bounding_box()["height"] < 140
    # The toolkit's shared form (the page has an "add to my toolkit" button) and every
    # other piece of content are inside a landmark.
    assert page.locator("main #toolkit-form").count() == 1
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["region"]}})
    assert results.response["violations"] == []
