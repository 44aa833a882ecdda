import pytest
from playwright.sync_api import expect

from tests.events.factories import EventFactory, in_days
from tests.resources.factories import AudienceFactory, ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def events():
    families = AudienceFactory(slug="families", name_en="Families", name_es="Familias")
    EventFactory(
        slug="coming",
        title_en="Talking with your child's doctor",
        title_es="Cómo hablar con el médico de su hijo",
        registration_url="https://example.org/register",
        format="hybrid",
        place_en="Community center, San Juan",
        audiences=[families],
    )
    EventFactory(slug="gone", starts_at=in_days(-20), recording=ResourceFactory(slug="rec"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_event_pages_have_no_axe_violations(live_server, page, axe, csp_violations, events, lang):
    for path in ("events/", "events/past/", "events/coming/", "events/gone/"):
        page.goto(f"{live_server.url}/{lang}/{path}")
        axe(page)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/{lang}/events/coming/")
    axe(page)
    assert csp_violations == []


def test_visitor_goes_from_the_home_page_to_an_event_and_its_calendar_file(
    live_server, page, events
):
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Talking with your child's doctor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Talking with your child's doctor")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    assert download.value.suggested_filename == "coming.ics"
