import pytest
from playwright.sync_api import expect

from tests.factories import PageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_home_page_has_no_axe_violations(live_server, page, axe, csp_violations, lang):
    page.goto(f"{live_server.url}/{lang}/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    axe(page)
    assert csp_violations == []


def test_home_page_on_a_phone_has_no_axe_violations(live_server, page, axe):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/es/")
    axe(page)


def test_skip_link_moves_focus_to_main_content(live_server, page):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_language_switcher_goes_to_the_same_page_in_spanish(live_server, page):
    PageFactory(slug="about", title_en="About the center", title_es="Acerca del centro")
    page.goto(f"{live_server.url}/en/about/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    expect(page).to_have_url(f"{live_server.url}/es/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acerca del centro")
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/about/")


def test_about_page_in_both_languages_has_no_axe_violations(live_server, page, axe):
    PageFactory(slug="about", title_en="About the center", title_es="Acerca del centro")
    for lang in ("en", "es"):
        page.goto(f"{live_server.url}/{lang}/about/")
        axe(page)


def test_pages_load_their_hashed_stylesheet(live_server, page):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(f"{live_server.url}/en/")
    # The header band is dark blue only when site.css has loaded.
    header_bg = page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert header_bg == "rgb(0, 63, 99)"
    assert [url for url in failed if "/static/" in url] == []
