import re

import pytest
from playwright.sync_api import expect

from tests.mentorship.factories import (
    InitiativeFactory,
    MentorFactory,
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def states():
    mn = StateFactory(code="MN", team_formed=2004)
    TeamMemberFactory(state=mn)
    QIPlanFactory(state=mn, kind="epic")
    PromiseFactory(state=mn, target_year=2027)
    InitiativeFactory(state=mn, title_en="Health care homes")
    MentorFactory(state=mn, name="North Clinic")
    StateFactory(code="VT")
    StateFactory(code="OR")


def test_visitor_compares_states_from_a_state_page_and_downloads_the_csv(
    live_server, page, axe, states
):
    page.goto(f"{live_server.url}/en/states/mn/")
    page.get_by_role("link", name="Compare with other states").click()
    # Minnesota is already ticked; one more makes a comparison.
    expect(page.get_by_label("Minnesota")).to_be_checked()
    page.get_by_label("Vermont").check()
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(f"{live_server.url}/en/states/compare/?states=mn&states=vt")
    table = page.get_by_role("table", name="Side-by-side comparison")
    expect(table.get_by_role("columnheader", name="Minnesota")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Vermont")).to_be_visible()
    expect(table).to_contain_text("Yes, target year 2027")
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table (CSV)").click()
    assert download.value.suggested_filename == "compare-mn-vt.csv"


def test_picking_one_state_says_what_to_do(live_server, page, states):
    page.goto(f"{live_server.url}/es/states/compare/")
    page.get_by_label("Vermont").check()
    page.get_by_role("button", name="Comparar").click()
    expect(page.locator(".error")).to_contain_text("Elija entre dos y cuatro")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_compare_and_fact_sheet_have_no_axe_violations(live_server, page, axe, states, lang):
    page.goto(f"{live_server.url}/{lang}/states/compare/")
    axe(page)
    page.goto(f"{live_server.url}/{lang}/states/compare/?states=mn&states=vt&states=or")
    axe(page)
    page.goto(f"{live_server.url}/{lang}/states/mn/fact-sheet/")
    axe(page)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/{lang}/states/compare/?states=mn&states=vt")
    axe(page)


def test_fact_sheet_prints_on_one_page(live_server, page, states):
    page.goto(f"{live_server.url}/en/states/mn/fact-sheet/")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    pdf = page.pdf(format="Letter")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
