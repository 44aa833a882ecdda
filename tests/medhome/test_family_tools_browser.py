"""Family tools as a parent uses them: fill in, print (only what was filled in), no request
carrying what was typed, no JavaScript needed."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_fills_in_a_care_plan_and_prints_only_what_they_wrote(live_server, page, axe):
    sent = []
    page.on("request", lambda request: sent.append(request) if request.method != "GET" else None)
    page.goto(f"{live_server.url}/en/families/care-plan/")
    page.get_by_label("Child's name").fill("Ana")
    page.get_by_label("Conditions and diagnoses").fill("Asthma since age 3\nHearing loss")
    medicine = page.get_by_role("group", name="Medicine 1")
    medicine.get_by_label("Name").fill("Albuterol")
    medicine.get_by_label("Dose").fill("2 puffs")
    person = page.get_by_role("group", name="Person 1")
    person.get_by_label("Name").fill("Dr. Lee")
    person.get_by_label("Phone").fill("555-0100")
    page.get_by_label("Questions, worries and what you have noticed at home").fill("Sleep?")
    expect(page.get_by_role("link", name="Print this page")).to_be_visible()
    axe(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("group", name="Medicine 1")).to_be_visible()
    expect(page.get_by_role("group", name="Medicine 2")).to_be_hidden()
    expect(page.get_by_role("group", name="Person 2")).to_be_hidden()
    expect(page.get_by_text("Private:")).to_be_hidden()
    expect(page.get_by_label("Child's name")).to_have_value("Ana")
    expect(page.locator(".tool-footer")).to_be_visible()
    page.emulate_media(media="screen")
    assert sent == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_tool_pages_have_no_axe_violations_on_desktop_and_phone(live_server, page, axe, lang):
    for slug in ("care-plan", "choosing-a-provider"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/{lang}/families/{slug}/")
        axe(page)
        page.set_viewport_size({"width": 375, "height": 740})
        page.reload()
        axe(page)
        # Nothing runs off the side of a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_checklist_works_without_javascript_and_prints_the_ticks(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/es/families/choosing-a-provider/")
    question = page.get_by_label("¿Atiende tanto los chequeos como las visitas por enfermedad?")
    question.check()
    expect(
        page.get_by_text("Para imprimir, use la opción Imprimir de su navegador.")
    ).to_be_visible()
    page.emulate_media(media="print")
    expect(question).to_be_checked()
    expect(page.locator(".print-lines")).to_be_visible()
    context.close()


def test_the_families_page_leads_to_both_tools(live_server, page):
    page.goto(f"{live_server.url}/es/resources/for/families/")
    page.get_by_role("link", name="Plan de atención para empezar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan de atención para empezar")
