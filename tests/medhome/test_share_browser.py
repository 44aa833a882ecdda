"""Share blocks as a person sees them: with JavaScript (copy, print) and without."""

import pytest
from playwright.sync_api import expect

from tests.faq.factories import QuestionFactory
from tests.mentorship.factories import MentorFactory, StateFactory
from tests.resources.factories import ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content():
    ResourceFactory(slug="care-plan", title_en="Care plan template", title_es="Plantilla de plan")
    QuestionFactory(slug="what-is", question_en="What is a medical home?", question_es="¿Qué es?")
    QuestionFactory(slug="other", question_en="Another question?", question_es="¿Otra?")
    StateFactory(code="VT")
    MentorFactory(slug="valley", name="Valley Pediatrics")


def test_copy_button_copies_the_address_and_says_so(live_server, browser, content, settings):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server.url}/en/resources/care-plan/")
    field = page.get_by_label("Link to this page")
    address = field.input_value()
    assert address.endswith("/en/resources/care-plan/")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address
    # The print link replaces the hint.
    expect(page.get_by_role("link", name="Print: Care plan template")).to_be_visible()
    expect(page.get_by_text("To print, use your browser’s Print command.")).to_be_hidden()
    context.close()


def test_printing_a_question_puts_the_question_on_paper(live_server, page, content):
    page.goto(f"{live_server.url}/en/faq/questions/what-is/")
    page.get_by_text("Share this question").first.click()
    # window.print() would open a dialog: count the call instead.
    page.evaluate(
        "() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }"
    )
    page.get_by_role("link", name="Print: What is a medical home?").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(page.locator("#what-is")).to_be_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("#what-is")).to_be_visible()


def test_an_old_link_to_an_answer_on_the_faq_page_opens_the_question_page(
    live_server, page, content
):
    page.goto(f"{live_server.url}/en/faq/#other")
    page.wait_for_url(f"{live_server.url}/en/faq/questions/other/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_without_javascript_the_address_and_the_email_link_work(live_server, browser, content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/es/states/vt/")
    expect(page.get_by_label("Enlace a esta página")).to_have_value(
        "http://127.0.0.1:8000/es/states/vt/"
    )
    email = page.get_by_role("link", name="Correo electrónico: Vermont")
    assert email.get_attribute("href").startswith("mailto:?subject=Vermont&body=")
    expect(page.get_by_role("button", name="Copiar el enlace")).to_be_hidden()
    expect(
        page.get_by_text("Para imprimir, use la opción Imprimir de su navegador.")
    ).to_be_visible()
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pages_with_share_blocks_have_no_axe_violations(live_server, page, axe, content, lang):
    for path in (
        "/resources/care-plan/",
        "/faq/questions/what-is/",
        "/states/vt/",
        "/mentors/valley/",
    ):
        page.goto(f"{live_server.url}/{lang}{path}")
        if path.startswith("/faq/"):
            page.locator("#what-is details.share > summary").click()
        axe(page)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/{lang}/mentors/valley/")
    axe(page)
