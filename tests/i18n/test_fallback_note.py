"""Curated text missing in Spanish shows in English with a visible note and lang="en"."""

import re

import pytest
from django.utils import translation

from medhome.templatetags.translated import shown_in, shown_language
from tests.faq.factories import QuestionFactory
from tests.mentorship.factories import MentorFactory, StateFactory
from tests.newsletter.factories import IssueFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

NOTE_ES = "Disponible solo en inglés"


def english_fragments(html):
    """Texts of the elements marked lang="en" (the language switcher's link aside)."""
    found = re.findall(r'<(\w+)[^>]*\slang="en"[^>]*>(.*?)</\1>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", body).strip() for _, body in found if body.strip() != "English"]


def test_a_resource_without_a_spanish_body_says_so_and_marks_the_english_body(client):
    ResourceFactory(slug="only-english-body", body_es="", body_en="Speakers describe huddles.")
    html = client.get("/es/resources/only-english-body/").content.decode()
    assert NOTE_ES in html
    assert "Speakers describe huddles." in english_fragments(html)


def test_a_resource_with_spanish_text_shows_no_note(client):
    ResourceFactory(slug="both-languages")
    html = client.get("/es/resources/both-languages/").content.decode()
    assert NOTE_ES not in html
    assert english_fragments(html) == []


def test_the_english_page_of_an_english_only_resource_shows_no_note(client):
    ResourceFactory(slug="english-page", title_es="", summary_es="", body_es="")
    html = client.get("/en/resources/english-page/").content.decode()
    assert "Available in English only" not in html
    assert "Disponible" not in html


def test_a_resource_card_without_spanish_title_or_summary_carries_the_note(client):
    ResourceFactory(title_en="Checklist for visits", title_es="", summary_es="")
    ResourceFactory(title_es="Lista en español")
    html = client.get("/es/resources/").content.decode()
    assert html.count(NOTE_ES) == 1
    assert "Checklist for visits" in english_fragments(html)
    assert "Lista en español" not in english_fragments(html)


def test_a_faq_answer_without_spanish_says_so(client):
    partial = QuestionFactory(
        question_es="¿Pregunta sin respuesta?", answer_es="", answer_en="Only here."
    )
    whole = QuestionFactory(question_es="¿Pregunta completa?", answer_es="Respuesta completa.")
    html = client.get(f"/es/faq/questions/{partial.slug}/").content.decode()
    assert html.count(NOTE_ES) == 1
    assert "Only here." in english_fragments(html)
    assert NOTE_ES not in client.get(f"/es/faq/questions/{whole.slug}/").content.decode()


def test_a_mentor_profile_without_spanish_description_says_so(client):
    MentorFactory(slug="english-mentor", description_en="We run huddles.", description_es="")
    html = client.get("/es/mentors/english-mentor/").content.decode()
    assert NOTE_ES in html
    assert "We run huddles." in english_fragments(html)


def test_a_mentor_profile_with_spanish_description_shows_no_note(client):
    MentorFactory(slug="spanish-mentor", description_en="Huddles.", description_es="Reuniones.")
    html = client.get("/es/mentors/spanish-mentor/").content.decode()
    assert NOTE_ES not in html


def test_a_state_page_without_a_spanish_overview_says_so(client):
    StateFactory(code="VT", overview_en="Vermont practices meet monthly.", overview_es="")
    html = client.get("/es/states/vt/").content.decode()
    assert NOTE_ES in html
    assert "Vermont practices meet monthly." in english_fragments(html)


def test_a_state_page_with_a_spanish_overview_shows_no_note(client):
    StateFactory(code="OR")
    html = client.get("/es/states/or/").content.decode()
    assert NOTE_ES not in html


def test_an_issue_written_only_in_spanish_says_so_on_the_english_page(client):
    IssueFactory(slug="solo-espanol", title_en="", intro_en="", title_es="Solo en español")
    html = client.get("/en/newsletter/solo-espanol/").content.decode()
    assert "Available in Spanish only" in html
    assert re.search(r'<h1[^>]*lang="es"[^>]*>Solo en español</h1>', html)


def test_an_issue_without_spanish_says_so_on_the_spanish_page(client):
    IssueFactory(slug="english-issue", title_es="", intro_es="", title_en="English issue")
    html = client.get("/es/newsletter/english-issue/").content.decode()
    assert NOTE_ES in html
    assert "English issue" in english_fragments(html)


def test_shown_language_names_the_language_the_text_falls_back_to():
    resource = ResourceFactory(body_es="", title_es="Título")
    with translation.override("es"):
        assert shown_language(resource, "body") == "en"
        assert shown_language(resource, "title") == "es"
        assert shown_in(resource, "title", "body") == "en"
        assert shown_in(resource, "title") == ""
    with translation.override("en"):
        assert shown_in(resource, "title", "body") == ""


def test_an_english_only_issue_mailed_to_a_spanish_reader_says_so():
    from django.core import mail

    from newsletter import services
    from tests.newsletter.factories import SubscriberFactory

    issue = IssueFactory(title_es="", intro_es="", title_en="English issue")
    SubscriberFactory(language="es")
    services.issue_send(issue_id=issue.pk)
    (message,) = mail.outbox
    assert NOTE_ES in message.body
    html = message.alternatives[0][0]
    assert NOTE_ES in html
    assert re.search(r'<h1[^>]*lang="en"[^>]*>English issue</h1>', html)
