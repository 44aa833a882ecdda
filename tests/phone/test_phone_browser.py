"""At 375 px, as a parent on a phone: results first, a short header, a map that reads."""

import pytest
from playwright.sync_api import expect

from medhome import jurisdictions
from medhome.models import DemoMarker
from tests.mentorship.factories import (
    MentorFactory,
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)
from tests.resources.factories import AudienceFactory, ResourceFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def in_first_viewport(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + 40 <= PHONE["height"]


@pytest.fixture
def demo_site():
    DemoMarker.objects.get_or_create(pk=1)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_phone_header_is_one_short_row_and_the_menu_opens_without_javascript(
    live_server, browser, demo_site, lang
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/{lang}/resources/")
    header = page.locator("header.site-header")
    # The demo notice is part of the banner landmark, and counted in the height.
    expect(header.locator(".demo-notice")).to_be_visible()
    assert header.bounding_box()["height"] < 120
    brand = header.locator(".brand").bounding_box()
    other_language = header.locator(".lang-switch a:not([aria-current])").bounding_box()
    menu = header.locator(".site-menu > summary").bounding_box()
    assert abs(brand["y"] + brand["height"] / 2 - (menu["y"] + menu["height"] / 2)) < 8
    assert abs(other_language["y"] - menu["y"]) < 8
    assert menu["height"] >= 44
    assert other_language["height"] >= 44
    search = header.locator("#site-q")
    expect(search).to_be_hidden()
    header.locator(".site-menu > summary").click()
    # One tap: the search box and the navigation are there.
    expect(search).to_be_visible()
    expect(header.locator(".main-nav")).to_be_visible()
    context.close()


@pytest.fixture
def library():
    coordination = TopicFactory(slug="care-coordination", name_en="Care coordination",
                                name_es="Coordinación de la atención")  # fmt: skip
    families = AudienceFactory(slug="families", name_en="Families", name_es="Familias")
    for n in range(12):
        ResourceFactory(title_en=f"Other tool {n}", topics=[coordination])
    ResourceFactory(title_en="Care plan template", title_es="Plantilla de plan de cuidado",
                    topics=[coordination], audiences=[families], languages=["en", "es"])  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "es"])
def test_phone_library_shows_the_first_result_in_the_first_screen_after_filtering(
    live_server, page, axe, library, lang
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{lang}/resources/")
    panel = page.locator("details.facets")
    expect(panel).not_to_have_attribute("open", "")
    panel.locator("summary").click()
    page.locator("#f-topic-care-coordination").check()
    page.locator("#f-audience-families").check()
    page.locator("details.facets button[type=submit]").click()
    expect(page.locator(".result-count")).to_contain_text("1")
    # Folded again, with the number of filters in use; the address points at the results.
    expect(panel).not_to_have_attribute("open", "")
    expect(panel.locator("summary")).to_contain_text("· 2")
    assert page.url.endswith("#results")
    assert in_first_viewport(page.locator("#results .result").first)
    axe(page)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_phone_match_shows_the_first_match_in_the_first_screen(live_server, page, axe, lang):
    for n in range(4):
        MentorFactory(name=f"Rural Clinic {n}", setting="fqhc", community_type="rural")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{lang}/mentors/match/")
    page.locator("form.match-form button[type=submit]").scroll_into_view_if_needed()
    page.locator("#id_community").select_option("rural")
    page.locator("form.match-form button[type=submit]").click()
    expect(page.locator("#results .result").first).to_be_visible()
    assert page.url.endswith("#results")
    assert in_first_viewport(page.locator("#results .result").first)
    expect(page.locator(".match-form-panel")).not_to_have_attribute("open", "")
    axe(page)


@pytest.fixture
def states():
    for code in ("VT", "ME", "WA", "HI", "TX", "FL", "PR", "MN"):
        state = StateFactory(code=code)
        TeamMemberFactory(state=state)
    QIPlanFactory(state=StateFactory(code="OR"))
    PromiseFactory(state=StateFactory(code="GA"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_phone_map_lists_states_by_region_with_the_marks(live_server, page, axe, states, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{lang}/states/")
    expect(page.locator(".tile-map")).to_be_hidden()
    regions = page.locator(".region-list__title")
    expect(regions.first).to_be_visible()
    # The list starts in the first screen: the key and the filters are folded above it.
    assert in_first_viewport(regions.first)
    expect(page.locator("details.map-key")).not_to_have_attribute("open", "")
    # Every jurisdiction, once, under its region, in alphabetical order there.
    seen = {}
    for group in page.locator(".region-list__states").all():
        codes = group.locator("li").evaluate_all("items => items.map(i => i.dataset.code)")
        names = group.locator(".region-state__name").all_inner_texts()
        assert names == sorted(names, key=jurisdictions.name_key)  # "Míchigan" before "Minnesota"
        region = {jurisdictions.REGION[c] for c in codes}
        assert len(region) == 1
        seen.update(dict.fromkeys(codes, region.pop()))
    assert len(seen) == len(jurisdictions.JURISDICTIONS)
    assert seen["VT"] == seen["ME"] == jurisdictions.Region.NORTHEAST
    assert seen["WA"] == seen["HI"] == jurisdictions.Region.WEST
    assert seen["TX"] == seen["FL"] == jurisdictions.Region.SOUTH
    assert seen["PR"] == jurisdictions.Region.ISLANDS
    vermont = page.locator("[data-code=VT] a")
    expect(vermont.locator(".mark--team")).to_be_visible()
    assert vermont.bounding_box()["height"] >= 44
    expect(page.locator("[data-code=OR] .mark--plan")).to_be_visible()
    expect(page.locator("[data-code=GA] .mark--promise")).to_be_visible()
    # Grey entries (no page) are not links.
    expect(page.locator("[data-code=CA] a")).to_have_count(0)
    # The key is one tap away.
    page.locator("details.map-key > summary").click()
    expect(page.locator(".legend")).to_be_visible()
    axe(page)


def test_wide_map_keeps_the_geography(live_server, page, states):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/states/")
    expect(page.locator(".region-list")).to_be_hidden()

    def centre(code):
        box = page.locator(f".tile-map li:has(.tile__code:text-is('{code}'))").bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    wa, me, fl, ga, tx, mn, vt = (centre(c) for c in ("WA", "ME", "FL", "GA", "TX", "MN", "VT"))
    assert wa[0] < mn[0] < vt[0] < me[0]  # west to east
    assert me[1] < vt[1] < ga[1] < fl[1]  # north to south
    assert tx[1] > mn[1]
    assert tx[0] < fl[0]
