"""The map as of a year, as a person uses it: the select, the counts, the table, no JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from mentorship.models import PlanKind
from tests.mentorship.factories import (
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history():
    mn = StateFactory(code="MN", team_formed=2008)
    TeamMemberFactory(state=mn)
    QIPlanFactory(state=mn, kind=PlanKind.EPIC, adopted_in=2012)
    PromiseFactory(state=mn, made_in=2020)
    wi = StateFactory(code="WI", team_formed=2016)
    TeamMemberFactory(state=wi)
    StateFactory(code="TX")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_visitor_sees_the_map_as_of_a_year(live_server, page, axe, history, lang):
    text = {
        "en": {"label": "As of the end of", "show": "Show states", "table": "Table",
               "teams": "1 state has a state team", "cell": "Yes, since 2008"},
        "es": {"label": "Al final de", "show": "Mostrar estados", "table": "Tabla",
               "teams": "1 estado tiene un equipo estatal", "cell": "Sí, desde 2008"},
    }[lang]  # fmt: skip
    page.goto(f"{live_server.url}/{lang}/states/")
    page.get_by_label(text["label"]).select_option("2010")
    page.get_by_role("button", name=text["show"]).click()
    expect(page).to_have_url(re.compile(r"/states/\?year=2010&.*#results$"))
    expect(page.locator(".map-summary").first).to_contain_text(text["teams"])
    # Minnesota's tile has its team mark but not yet its plan or promise.
    mn = page.locator(".tile-map a.tile", has_text="MN")
    expect(mn.locator(".mark--team")).to_have_count(1)
    expect(mn.locator(".mark--plan")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name=text["table"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/states/\?year=2010&.*view=table$"))
    row = page.get_by_role("row").filter(has_text="Minnesota")
    expect(row).to_contain_text(text["cell"])
    expect(page.get_by_role("row").filter(has_text="Wisconsin")).not_to_contain_text("2016")
    axe(page)
    # Year by year: each year opens the map as of it.
    page.get_by_role("link", name="2016", exact=True).click()
    expect(page.get_by_role("row").filter(has_text="Wisconsin")).to_contain_text("2016")


def test_the_year_filter_works_without_javascript_and_says_when_a_year_is_bad(
    live_server, browser, history
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/states/?view=table")
    page.get_by_label("As of the end of").select_option("2012")
    page.get_by_role("button", name="Show states").click()
    expect(page.get_by_role("row").filter(has_text="Minnesota")).to_contain_text(
        "EPIC model (under way), since 2012"
    )
    page.goto(f"{live_server.url}/en/states/?year=1492")
    expect(page.get_by_role("alert")).to_contain_text("Some of the filters could not be used")
    expect(page.get_by_text("Choose a year from the list.")).to_be_visible()
    context.close()
