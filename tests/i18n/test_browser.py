"""Spanish pages not already checked by the apps' browser tests: zero axe violations."""

import pytest

from tests.conftest import page_problems
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


# One test over every page: the data and the browser page are made once.
def test_spanish_pages_have_no_axe_violations(live_server, page, csp_violations):
    PageFactory(slug="contact", title_es="Contacto")
    category = CategoryFactory(slug="para-familias")
    QuestionFactory(category=category, answer_es="")  # shows the English-only note
    ResourceFactory(slug="solo-ingles", body_es="", body_en="Only in English.")
    state = StateFactory(code="TX")
    MentorFactory(slug="clinica-valle", state=state, description_es="", description_en="Huddles.")
    IssueSectionFactory(issue=IssueFactory(slug="planes"))
    problems = []
    for path in PATHS:
        problems += page_problems(page, f"{live_server.url}{path}", "es", csp_violations)
    # The made-up address is meant to be our own 404 page, in Spanish.
    assert problems == [f"{live_server.url}/es/no-existe/: answered 404"]
