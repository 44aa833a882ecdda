"""What a person sees of search in both languages: corrected and empty states read
well, are axe-clean, and the suggestions list offers known words as you type."""

import pytest
from playwright.sync_api import expect

from medhome.search_spelling import rebuild_vocabulary
from tests.faq.factories import QuestionFactory
from tests.mentorship.factories import MentorFactory
from tests.resources.factories import ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOXES = ["/{lang}/search/", "/{lang}/resources/", "/{lang}/faq/", "/{lang}/mentors/"]


@pytest.mark.parametrize(
    ("lang", "typed", "shown", "says"),
    [
        ("en", "cordination", "coordination", "Showing results for"),
        ("es", "cordinacion", "coordinación", "Mostrando resultados de"),
    ],
)
def test_corrected_and_empty_searches_are_clear_and_accessible(
    live_server, page, axe, csp_violations, lang, typed, shown, says
):
    ResourceFactory(title_en="Care coordination toolkit", title_es="Herramientas de coordinación")
    QuestionFactory(
        question_en="What is care coordination?",
        question_es="¿Qué es la coordinación de la atención?",
    )
    MentorFactory(
        name="Coordination Partners",
        summary_en="Care coordination for families.",
        summary_es="Coordinación de la atención para las familias.",
    )
    rebuild_vocabulary()
    for box in BOXES:
        path = box.format(lang=lang)
        page.goto(f"{live_server.url}{path}?q={typed}")
        notice = page.locator(".search-correction")
        expect(notice).to_contain_text(says)
        expect(notice).to_contain_text(shown)
        expect(page.locator("mark").first).to_be_visible()
        axe(page)
        # The words as typed: nothing found, and the page says what was searched.
        notice.get_by_role("link", name=typed).click()
        expect(page.locator(".search-correction")).to_have_count(0)
        expect(page.locator("main")).to_contain_text(typed)
        axe(page)
    assert csp_violations == []
