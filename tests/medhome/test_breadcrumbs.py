"""The breadcrumb trail: built by medhome.breadcrumbs, drawn by includes/breadcrumbs.html."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from medhome.breadcrumbs import Crumb, section_page, trail
from tests.events.factories import EventFactory, in_days
from tests.faq.factories import CategoryFactory, QuestionFactory
from tests.mentorship.factories import MentorFactory, StateFactory


class _Trail(HTMLParser):
    """(text, href or None, aria-current) of each item in <nav class="breadcrumbs">."""

    def __init__(self):
        super().__init__()
        self.items, self._in_nav, self._item = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "breadcrumbs" in (attrs.get("class") or "").split():
            self._in_nav = True
        elif self._in_nav and tag == "li":
            self._item = ["", None, None]
        elif self._item is not None and tag in ("a", "span"):
            self._item[1] = attrs.get("href")
            self._item[2] = attrs.get("aria-current")

    def handle_data(self, data):
        if self._item is not None:
            self._item[0] += data

    def handle_endtag(self, tag):
        if tag == "li" and self._item is not None:
            self.items.append((self._item[0].strip(), self._item[1], self._item[2]))
            self._item = None
        elif tag == "nav":
            self._in_nav = False


def breadcrumbs(response):
    assert response.status_code == 200
    parser = _Trail()
    parser.feed(response.content.decode())
    return parser.items


HOME = ("Home", "/en/", None)


def test_trail_resolves_sections_objects_and_ends_unlinked(db):
    state = StateFactory(code="MN")
    assert trail("map", state, here="Fact sheet") == [
        Crumb("State mentorship map", reverse("mentorship:map")),
        Crumb(state.name, state.get_absolute_url()),
        Crumb("Fact sheet", None),
    ]
    assert trail(Crumb("Elsewhere", "/x/"), here="Here") == [
        Crumb("Elsewhere", "/x/"),
        Crumb("Here"),
    ]
    assert trail(here="Search") == [Crumb("Search")]


def test_section_page_is_the_unlinked_section_label():
    assert section_page("mentors") == [Crumb("Mentors")]
    with pytest.raises(KeyError):
        section_page("nowhere")


def test_faq_category_page_trail(client, db):
    category = CategoryFactory(slug="coordination", name_en="Care coordination")
    QuestionFactory(category=category)
    assert breadcrumbs(client.get("/en/faq/coordination/")) == [
        HOME,
        ("Frequently asked questions", "/en/faq/", None),
        ("Care coordination", None, "page"),
    ]


def test_faq_index_trail_is_one_current_item(client, db):
    assert breadcrumbs(client.get("/en/faq/")) == [
        HOME,
        ("Frequently asked questions", None, "page"),
    ]


def test_introduction_request_trail_links_the_mentor(client, db):
    mentor = MentorFactory(name="Lakeside Pediatrics")
    response = client.get(reverse("mentorship:introduction", kwargs={"slug": mentor.slug}))
    assert breadcrumbs(response) == [
        HOME,
        ("Mentors", "/en/mentors/", None),
        ("Lakeside Pediatrics", mentor.get_absolute_url(), None),
        ("Ask for an introduction", None, "page"),
    ]


def test_past_event_trail_passes_through_the_archive(client, db):
    upcoming = EventFactory(title_en="Next webinar")
    past = EventFactory(title_en="Old webinar", starts_at=in_days(-10))
    assert breadcrumbs(client.get(upcoming.get_absolute_url())) == [
        HOME,
        ("Events and webinars", reverse("events:list"), None),
        ("Next webinar", None, "page"),
    ]
    assert breadcrumbs(client.get(past.get_absolute_url())) == [
        HOME,
        ("Events and webinars", reverse("events:list"), None),
        ("Past events and recordings", reverse("events:past"), None),
        ("Old webinar", None, "page"),
    ]


def test_spanish_trail_is_translated(client, db):
    CategoryFactory(slug="coordination", name_es="Coordinación")
    QuestionFactory(category__slug="coordination")
    items = breadcrumbs(client.get("/es/faq/coordination/"))
    assert items[0] == ("Inicio", "/es/", None)
    assert items[1][1] == "/es/faq/"
    assert items[1][0] != "Frequently asked questions"
    assert items[2] == ("Coordinación", None, "page")
