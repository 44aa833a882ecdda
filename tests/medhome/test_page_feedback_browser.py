""" "Was this page helpful?" as a person uses it, with and without JavaScript, in both languages."""

import pytest
from playwright.sync_api import expect

from medhome.models import PageFeedback
from tests.mentorship.factories import MentorFactory
from tests.resources.factories import ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABELS = {
    "en": ("Was this page helpful?", "Add a comment", "What could we improve?", "No", "Thank you"),
    "es": (
        "¿Le resultó útil esta página?",
        "Añadir un comentario",
        "¿Qué podríamos mejorar?",
        "No",
        "Gracias",
    ),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_visitor_answers_with_a_comment_and_sees_a_thank_you(
    live_server, page, axe, csp_violations, lang
):
    resource = ResourceFactory(title_en="Care plan template", title_es="Plantilla de plan")
    question, add, label, no, thanks = LABELS[lang]
    page.goto(f"{live_server.url}/{lang}/resources/{resource.slug}/")
    expect(page.get_by_role("heading", name=question)).to_be_visible()
    axe(page)
    page.get_by_text(add).click()
    page.get_by_label(label).fill("The download link was hard to find.")
    page.locator("#helpful").get_by_role("button", name=no, exact=True).click()
    expect(page.locator(".messages")).to_contain_text(thanks)
    expect(page.locator("#helpful")).to_contain_text(thanks)
    assert page.url.endswith(f"/{lang}/resources/{resource.slug}/#helpful")
    axe(page)
    assert csp_violations == []
    vote = PageFeedback.objects.get()
    assert (vote.helpful, vote.comment, vote.title) == (
        False,
        "The download link was hard to find.",
        "Care plan template",
    )


def test_it_works_without_javascript(live_server, browser):
    mentor = MentorFactory(name="Prairie Clinic", slug="prairie-clinic")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/mentors/{mentor.slug}/")
    page.locator("#helpful").get_by_role("button", name="Yes", exact=True).click()
    expect(page.locator("#helpful")).to_contain_text("Thank you")
    context.close()
    assert PageFeedback.objects.get().page == "/mentors/prairie-clinic/"
