"""Sharing and finding pages: Open Graph, hreflang with x-default, clean canonical links,
"last updated" on every content page, lenient page numbers, landmarks and headings."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from medhome.models import DemoMarker
from tests.factories import PageFactory
from tests.faq.factories import CategoryFactory, QuestionFactory
from tests.mentorship.factories import MentorFactory, StateFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def link(html: str, rel: str, hreflang: str | None = None) -> str | None:
    lang = f' hreflang="{hreflang}"' if hreflang else ""
    found = re.search(rf'<link rel="{rel}"{lang} href="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


@pytest.fixture
def content(settings):
    settings.SITE_URL = "https://portal.test"
    for slug in ("about", "contact"):
        PageFactory(slug=slug)
    resources = [
        ResourceFactory(title_en=f"Tool {n}", summary_en=f"Summary of tool {n}.")
        for n in range(25)
    ]
    StateFactory(code="VT")
    MentorFactory(name="Valley Pediatrics", summary_en="A rural practice that mentors others.")
    return resources


@pytest.mark.parametrize("lang", ["en", "es"])
def test_open_graph_has_a_description_an_image_and_a_title(client, content, lang):
    resource = content[0]
    html = client.get(f"/{lang}/resources/{resource.slug}/").content.decode()
    assert meta(html, "og:description") == meta(html, "description")
    if lang == "en":
        assert meta(html, "og:description") == "Summary of tool 0."
    assert meta(html, "og:title") == getattr(resource, f"title_{lang}")
    image = meta(html, "og:image")
    assert re.fullmatch(r"https://portal\.test/static/img/og-default(\.[0-9a-f]+)?\.png", image)
    assert finders.find("img/og-default.png")
    # Other page types describe themselves too.
    for path, expected in [("/states/vt/", "Vermont"), ("/mentors/", None), ("/", None)]:
        page = client.get(f"/{lang}{path}").content.decode()
        description = meta(page, "og:description")
        assert description
        assert description == meta(page, "description")
        if expected:
            assert expected in description


def test_hreflang_has_x_default_and_canonical_drops_default_and_volatile_parameters(
    client, content
):
    html = client.get(
        "/es/resources/?page=1&topic=&utm_source=mail&fbclid=x&sort=title&audience=families"
    ).content.decode()
    assert (
        link(html, "canonical") == "https://portal.test/es/resources/?audience=families&sort=title"
    )
    assert (
        link(html, "alternate", "en")
        == "https://portal.test/en/resources/?audience=families&sort=title"
    )
    assert link(html, "alternate", "x-default") == link(html, "alternate", "en")
    assert meta(html, "og:url") == link(html, "canonical")
    plain = client.get("/en/resources/?page=1").content.decode()
    assert link(plain, "canonical") == "https://portal.test/en/resources/"
    second = client.get("/en/resources/?page=2").content.decode()
    assert link(second, "canonical") == "https://portal.test/en/resources/?page=2"


@pytest.mark.parametrize(
    "path",
    ["/", "/resources/", "/resources/for/families/", "/mentors/", "/mentors/match/", "/states/",
     "/newsletter/", "/faq/", "/contact/", "/assistance/", "/resources/share/"],
)  # fmt: skip
def test_every_content_page_says_when_it_was_last_updated(client, content, path):
    response = client.get(f"/en{path}")
    if response.status_code == 404 and "for/families" in path:
        pytest.skip("no audience page without its landing data")
    assert response.status_code == 200
    assert re.search(
        r'Page last updated: <time datetime="\d{4}-\d\d-\d\d">', response.content.decode()
    )


@pytest.mark.parametrize(
    ("query", "shown", "note"),
    [
        ("page=99", "2", "fewer pages now"),
        ("page=abc", "1", "not valid"),
        ("page=0", "1", "not valid"),
        ("page=-3", "1", "not valid"),
        ("page=2", "2", None),
    ],
)
def test_page_numbers_out_of_range_or_malformed_show_a_real_page_with_a_note(
    client, content, query, shown, note
):
    response = client.get(f"/en/resources/?{query}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == int(shown)
    html = response.content.decode()
    if note:
        assert note in html
        assert 'role="status"' in html
    else:
        assert "fewer pages now" not in html


def test_page_numbers_are_lenient_on_the_other_lists_too(client, content):
    for path in ("/en/mentors/?page=7", "/en/newsletter/?page=x", "/es/resources/?page=3"):
        response = client.get(path)
        assert response.status_code == 200, path


class Outline(HTMLParser):
    """Headings in order, and whether the demo notice sits inside a landmark."""

    LANDMARKS = {"header", "main", "nav", "aside", "footer", "section", "search"}

    def __init__(self):
        super().__init__()
        self.levels, self.stack, self.notice_landmarks = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr"}:
            return
        self.stack.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if "demo-notice" in (dict(attrs).get("class") or ""):
            self.notice_landmarks = [t for t in self.stack if t in self.LANDMARKS]

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser


def test_demo_notice_sits_in_the_banner_landmark(client, content):
    DemoMarker.objects.get_or_create(pk=1)
    found = outline(client.get("/es/").content.decode())
    assert found.notice_landmarks == ["header"]


@pytest.mark.parametrize("path", ["/en/faq/?q=question", "/en/faq/model-of-care/"])
def test_faq_search_and_category_pages_do_not_skip_a_heading_level(client, path):
    other = QuestionFactory(question_en="Another question?")
    QuestionFactory(question_en="A question with related ones?", related_questions=[other])
    levels = outline(client.get(path).content.decode()).levels
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


def test_a_helpful_vote_on_a_category_page_returns_to_that_page(client):
    question = QuestionFactory(category=CategoryFactory(slug="for-families"))
    page = f"/en/faq/{question.category.slug}/"
    html = client.get(page).content.decode()
    assert f'name="next" value="{page}"' in html
    response = client.post(f"/en/faq/questions/{question.slug}/feedback/",
                           {"helpful": "yes", "next": page})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"{page}#{question.slug}"
    # Another site is never a destination.
    response = client.post(f"/en/faq/questions/{question.slug}/feedback/",
                           {"helpful": "no", "next": "//evil.test/"})  # fmt: skip
    assert response["Location"] == question.get_absolute_url()
