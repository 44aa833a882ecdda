import re

import pytest
from playwright.sync_api import expect

from tests.faq.factories import QuestionFactory
from tests.resources.factories import (
    AudienceFactory,
    ResourceFactory,
    ResourceTypeFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library():
    guide = ResourceTypeFactory(slug="guide", name_en="Guide", name_es="Guía")
    coordination = TopicFactory(
        slug="care-coordination",
        name_en="Care coordination",
        name_es="Coordinación de la atención",
    )
    transitions = TopicFactory(slug="transitions", name_en="Transitions", name_es="Transiciones")
    families = AudienceFactory(slug="families", name_en="Families", name_es="Familias")
    plan = ResourceFactory(
        title_en="Care plan template",
        title_es="Plantilla de plan de cuidado",
        summary_en="A form to write down your child's care in one place.",
        topics=[coordination],
        audiences=[families],
        languages=["en", "es"],
    )
    ResourceFactory(
        title_en="Transition guide", resource_type=guide, topics=[transitions, coordination]
    )
    ResourceFactory(title_en="Coordination checklist", topics=[coordination], state="UT")
    QuestionFactory(question_en="What is care coordination?")
    return plan


@pytest.mark.parametrize("lang", ["en", "es"])
def test_filtered_resource_list_has_no_axe_violations(
    live_server, page, axe, csp_violations, library, lang
):
    page.goto(f"{live_server.url}/{lang}/resources/?q=plan&topic=care-coordination&language=es")
    expect(page.locator(".result-count")).to_contain_text("1")
    axe(page)
    assert csp_violations == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_resource_detail_has_no_axe_violations(
    live_server, page, axe, csp_violations, library, lang
):
    page.goto(f"{live_server.url}/{lang}/resources/{library.slug}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    assert csp_violations == []


def test_filtered_list_on_a_phone_folds_the_filters_and_has_no_axe_violations(
    live_server, page, axe, library
):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/es/resources/")
    panel = page.locator("details.facets")
    expect(panel).not_to_have_attribute("open", "")
    axe(page)
    panel.locator("summary").click()
    expect(page.get_by_label(re.compile("Transiciones"))).to_be_visible()
    axe(page)


def tab_to(page, locator, limit=60):
    """Press Tab until `locator` has focus; open a folded panel on the way with Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.tagName")
        if focused == "SUMMARY" and not page.evaluate("document.activeElement.parentElement.open"):
            page.keyboard.press("Enter")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError("never reached by Tab")


@pytest.mark.parametrize("width", [1280, 375])
def test_filtering_works_with_the_keyboard_alone(live_server, page, library, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/en/resources/")
    expect(page.locator(".result-count")).to_have_text("3 resources")
    page.locator("#resource-q").focus()
    checkbox = page.get_by_label(re.compile("^Transitions"))
    tab_to(page, checkbox)
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"topic=transitions"))
    expect(page.locator(".result-count")).to_have_text("1 resource")
    expect(page.get_by_role("link", name="Transition guide")).to_be_visible()
    # The chosen filter can be removed from the keyboard too.
    chip = page.get_by_role("link", name=re.compile("remove this filter"))
    tab_to(page, chip)
    page.keyboard.press("Enter")
    expect(page.locator(".result-count")).to_have_text("3 resources")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_faq_and_search_pages_have_no_axe_violations(
    live_server, page, axe, csp_violations, library, lang
):
    from faq.models import Question

    question = Question.objects.get()
    for path in (
        "faq/",
        f"faq/questions/{question.slug}/",
        f"faq/{question.category.slug}/",
        "search/?q=coordination",
        "resources/for/families/",
    ):
        page.goto(f"{live_server.url}/{lang}/{path}")
        axe(page)
    assert csp_violations == []


def test_an_old_link_to_a_question_on_the_faq_page_opens_its_page(live_server, page, library):
    from faq.models import Question

    question = Question.objects.get()
    page.goto(f"{live_server.url}/en/faq/#{question.slug}")
    page.wait_for_url(f"{live_server.url}{question.get_absolute_url()}")
    expect(page.locator(f"article#{question.slug}")).to_be_visible()
