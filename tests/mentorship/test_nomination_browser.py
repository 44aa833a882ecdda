"""A practice proposes itself as a mentor, as a person does it: axe-clean, in both languages."""

import pytest
from playwright.sync_api import expect

from mentorship.models import Nomination
from tests.mentorship.factories import ExpertiseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "kind": "Promising Practice",
        "name": "Practice, team or program",
        "summary": "In one sentence, what could others learn from you?",
        "work": "Your work",
        "contact": "Your name",
        "email": "Email",
        "send": "Send our nomination",
        "done": "Thank you",
    },
    "es": {
        "kind": "Práctica prometedora",
        "name": "Consulta, equipo o programa",
        "summary": "En una frase, ¿qué podrían aprender otros de ustedes?",
        "work": "Su trabajo",
        "contact": "Su nombre",
        "email": "Correo electrónico",
        "send": "Enviar nuestra postulación",
        "done": "Gracias",
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_practice_proposes_itself(live_server, page, axe, csp_violations, settings, lang):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    ExpertiseFactory(slug="huddles", name_en="Huddles", name_es="Reuniones breves")
    text = TEXT[lang]
    page.goto(f"{live_server.url}/{lang}/mentors/")
    page.locator("a[href$='/mentors/nominate/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    page.get_by_label(text["kind"]).check()
    page.get_by_label(text["name"]).fill("Prairie Family Clinic")
    page.get_by_label(text["summary"]).fill("Daily huddles halved missed referrals.")
    page.get_by_label(text["work"]).fill("We started daily huddles in 2022.")
    page.get_by_label(text["contact"], exact=True).fill("Ana Ruiz")
    page.get_by_label(text["email"], exact=True).fill("ana@example.org")
    page.get_by_role("button", name=text["send"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(text["done"])
    axe(page)
    assert csp_violations == []
    item = Nomination.objects.get()
    assert (item.name, item.kind, item.language) == ("Prairie Family Clinic", "promising", lang)


def test_a_mistake_is_shown_next_to_its_field_and_the_page_stays_accessible(
    live_server, page, axe, settings
):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    page.goto(f"{live_server.url}/en/mentors/nominate/")
    page.get_by_role("button", name="Send our nomination").click()
    expect(page.locator(".field--error").first).to_be_visible()
    axe(page)
    assert not Nomination.objects.exists()
