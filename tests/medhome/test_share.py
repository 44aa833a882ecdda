"""Share (copy link, email, print) on resource, FAQ question, state and mentor pages."""

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.faq.factories import QuestionFactory
from tests.mentorship.factories import MentorFactory, StateFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(settings):
    settings.SITE_URL = "https://portal.test"
    resource = ResourceFactory(slug="care-plan", title_en="Care plans & you", title_es="Planes")
    QuestionFactory(slug="what-is", question_en="What is a medical home?")
    StateFactory(code="VT")
    mentor = MentorFactory(slug="valley", name="Valley Pediatrics")
    return {
        "resource": (f"/resources/{resource.slug}/", f"/resources/{resource.slug}/"),
        "question": ("/faq/questions/what-is/", "/faq/questions/what-is/"),
        "state": ("/states/vt/", "/states/vt/"),
        "mentor": (f"/mentors/{mentor.slug}/", f"/mentors/{mentor.slug}/"),
    }


def share_parts(html: str) -> tuple[str, dict]:
    field = re.search(
        r'<input id="share-[\w-]+-url" class="share__url" type="url" value="([^"]*)"', html
    )
    mailto = re.search(r'<a href="(mailto:[^"]*)"', html)
    assert field, "the share block has no address field"
    assert mailto, "the share block has no email link"
    return unescape(field.group(1)), parse_qs(urlsplit(unescape(mailto.group(1))).query)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["resource", "question", "state", "mentor"])
def test_each_page_kind_offers_a_link_an_email_and_print(client, pages, kind, lang):
    path, shared = pages[kind]
    response = client.get(f"/{lang}{path}")
    assert response.status_code == 200
    html = response.content.decode()
    url, mail = share_parts(html)
    assert url == f"https://portal.test/{lang}{shared}"
    # The email carries the page's title and its address, and nothing of ours in between.
    assert url in mail["body"][0]
    assert mail["subject"][0]
    assert mail["subject"][0] in mail["body"][0]
    # Print and copy are buttons site.js reveals; without it the hint says what to do.
    assert "data-print hidden" in html
    assert "data-copy=" in html
    hint = "To print, use your browser’s Print command." if lang == "en" else "Para imprimir"
    assert hint in html
    label = {"en": "Link to this", "es": "Enlace a est"}[lang]
    assert label in html


def test_email_subject_is_the_title_encoded_not_broken_by_ampersands(client, pages):
    html = client.get("/en/resources/care-plan/").content.decode()
    raw = re.search(r'<a href="(mailto:[^"]*)"', html).group(1)
    # The & in the title is encoded inside the subject, so it cannot start a new field.
    assert "Care%20plans%20%26%20you" in unescape(raw)
    assert unquote(
        parse_qs(urlsplit(unescape(raw)).query, keep_blank_values=True)["subject"][0]
    ) == ("Care plans & you")


def test_each_faq_question_has_its_own_share_block(client, pages):
    QuestionFactory(slug="second", question_en="Second?")
    html = client.get("/en/faq/questions/second/").content.decode()
    assert 'id="share-q-second-url"' in html
    assert 'value="https://portal.test/en/faq/questions/second/"' in html
    assert 'id="share-q-what-is-url"' not in html
    # The question is a part that prints on its own.
    assert html.count("data-print-part") == 1
