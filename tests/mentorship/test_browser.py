import pytest
from playwright.sync_api import expect

from mentorship.models import PlanKind
from tests.conftest import page_problems
from tests.mentorship.factories import (
    ExpertiseFactory,
    MentorFactory,
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data():
    care = ExpertiseFactory(slug="care-coordination", name_en="Care coordination",
                            name_es="Coordinación de la atención")  # fmt: skip
    mn = StateFactory(code="MN")
    TeamMemberFactory(state=mn)
    QIPlanFactory(state=mn, kind=PlanKind.EPIC)
    PromiseFactory(state=mn)
    wi = StateFactory(code="WI")
    TeamMemberFactory(state=wi)
    StateFactory(code="TX")
    PromiseFactory(state=StateFactory(code="PR"))
    MentorFactory(name="Prairie Clinic", state=mn, setting="fqhc", community_type="rural",
                  expertise=[care])  # fmt: skip
    MentorFactory(name="City Kids", setting="hospital", community_type="urban")


PAGES = [
    "/states/",
    "/states/?view=table",
    "/states/?team=yes&qi_plan=epic",
    "/states/mn/",
    "/mentors/",
    "/mentors/match/",
    "/mentors/match/?setting=fqhc&community=rural&needs=care-coordination",
    "/mentors/match/?setting=castle",
    "/assistance/",
]


# One test per language over every page: the data and the browser page are made once.
@pytest.mark.parametrize("lang", ["en", "es"])
def test_mentorship_pages_have_no_axe_violations(live_server, page, csp_violations, data, lang):
    problems = []
    for path in PAGES:
        problems += page_problems(page, f"{live_server.url}/{lang}{path}", lang, csp_violations)
    assert problems == []


def test_the_map_on_a_phone_has_tap_sized_tiles_and_no_violations(live_server, page, axe, data):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/en/states/")
    # Phones get the states listed by region (tests/phone checks the grouping).
    tiles = page.locator(".region-list .region-state").all()
    assert len(tiles) == 59
    for tile in tiles:
        box = tile.bounding_box()
        assert box["width"] >= 44
        assert box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe(page)


def test_a_keyboard_user_filters_the_map_and_opens_a_state(live_server, page, data):
    page.goto(f"{live_server.url}/en/states/")
    page.keyboard.press("Tab")  # skip link
    select = page.get_by_label("Quality-improvement plan")
    for _ in range(40):
        page.keyboard.press("Tab")
        if select.evaluate("el => el === document.activeElement"):
            break
    expect(select).to_be_focused()
    select.select_option("epic")  # what the arrow keys do on a focused <select>
    page.keyboard.press("Tab")  # Promise to the State
    page.keyboard.press("Tab")  # Show states
    expect(page.get_by_role("button", name="Show states")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        f"{live_server.url}/en/states/?year=&team=&qi_plan=epic&promise=#results"
    )
    expect(page.locator("#map-count")).to_contain_text("1 of 4")
    minnesota = page.get_by_role("link", name="MN Minnesota", exact=False)
    for _ in range(40):
        page.keyboard.press("Tab")
        if minnesota.evaluate("el => el === document.activeElement"):
            break
    expect(minnesota).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/states/mn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Minnesota")


def test_a_practice_finds_a_mentor_and_asks_for_an_introduction(live_server, page, axe, data):
    page.goto(f"{live_server.url}/en/mentors/match/")
    page.get_by_label("Your setting").select_option("fqhc")
    page.get_by_label("Your community").select_option("rural")
    page.get_by_label("Care coordination").check()
    page.get_by_role("button", name="Find mentors").click()
    first = page.locator(".results > li").first
    expect(first).to_contain_text("Prairie Clinic")
    expect(first).to_contain_text("same setting; rural; expertise in care coordination")
    first.get_by_role("link", name="Ask for an introduction to Prairie Clinic").click()
    expect(page.locator("main .notice")).to_contain_text("Your community: Rural")
    axe(page)
    page.get_by_label("Your name").fill("Ana Ruiz")
    page.get_by_label("Practice or organization").fill("Valley Pediatrics")
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_label("Message").fill("We would like to learn about care coordination.")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, we have your request")


def test_on_a_phone_mentor_filters_stay_folded_and_results_come_first(
    live_server, page, axe, data
):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/es/mentors/")
    panel = page.locator("details.fold-on-phone")
    expect(panel).not_to_have_attribute("open", "")
    panel.locator("summary").click()
    page.get_by_label("Tipo de mentor").select_option("practice")
    page.get_by_role("button", name="Mostrar mentores").click()
    # After filtering the panel is folded again, says how many filters are on, and the
    # address carries an anchor to the results.
    expect(panel).not_to_have_attribute("open", "")
    expect(panel.locator("summary")).to_contain_text("Filtros · 1")
    assert page.url.endswith("#results")
    expect(page.locator(".count")).to_contain_text("2 mentores")
    assert page.locator("#results .result").first.bounding_box()["y"] < 740
    axe(page)
