"""Spanish pages not already checked by the apps' browser tests: zero axe violations."""

import pytest
from playwright.sync_api import expect

from tests.factories import PageFactory
from tests.faq.factories import CategoryFactory, QuestionFactory
from tests.mentorship.factories import MentorFactory, StateFactory
from tests.newsletter.factories import IssueFactory, IssueSectionFactory
from tests.resources.factories import ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = [
    "/es/contact/",
    "/es/faq/para-familias/",
    "/es/faq/?q=zzzzqq",
    "/es/resources/solo-ingles/",
    "/es/resources/?q=zzzzqq",
    "/es/search/?q=zzzzqq",
    "/es/mentors/clinica-valle/",
    "/es/mentors/match/?state=TX&setting=private",
    "/es/mentors/clinica-valle/introduction/",
    "/es/assistance/",
    "/es/newsletter/planes/",
    "/es/newsletter/thanks/",
    "/es/no-existe/",
]


@pytest.mark.parametrize("path", PATHS)
def test_spanish_page_has_no_axe_violations(live_server, page, axe, csp_violations, path):
    PageFactory(slug="contact", title_es="Contacto")
    category = CategoryFactory(slug="para-familias")
    QuestionFactory(category=category, answer_es="")  # shows the English-only note
    ResourceFactory(slug="solo-ingles", body_es="", body_en="Only in English.")
    state = StateFactory(code="TX")
    MentorFactory(slug="clinica-valle", state=state, description_es="", description_en="Huddles.")
    IssueSectionFactory(issue=IssueFactory(slug="planes"))
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    axe(page)
    assert csp_violations == []
