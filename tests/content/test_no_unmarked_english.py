"""The public /es/ pages of the demo content carry no unmarked English.

Every page is fetched in both languages and read as text segments (text nodes and the
labelling attributes a visitor meets). A segment of the Spanish page that is also on
the English page word for word, is not inside an element marked lang="en", and has
ordinary English words in it (not only proper nouns, codes, numbers, addresses) is
English a Spanish reader meets without warning: staff data with no Spanish version
shown without lang="en", or interface text that escaped the catalogue.
"""

import re
from functools import partial
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from events.models import Event
from faq.models import Category
from medhome import jurisdictions
from medhome.audiences import LANDINGS
from mentorship.models import Mentor
from newsletter.models import Issue
from resources.models import Resource

pytestmark = pytest.mark.django_db

_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
_ATTRS = ("title", "aria-label", "alt", "placeholder")
_URL = re.compile(r"(?:https?://|www\.|/)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:org|com|gov|edu|net)\b")
_WORD = re.compile(r"[^\W\d_]+")
# Small words that join the parts of a proper name ("Institute of Connecticut").
_CONNECTORS = {"of", "and", "the", "for", "at", "in", "on", "de", "del", "la", "y"}
# Words spelt alike in both languages: a segment made only of these proves nothing.
_SHARED = {"no", "total", "a", "e", "o", "x", "ext"}


class _Segments(HTMLParser):
    """The text a visitor reads, as (text, language it is marked in) segments."""

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.stack = [("html", page_lang)]
        self.segments: list[tuple[str, str]] = []

    def _lang(self) -> str:
        return self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or self._lang()).split("-")[0]
        if tag == "html":
            self.stack[0] = ("html", lang)
            return
        for name in _ATTRS:
            if attrs.get(name):
                self._add(attrs[name], lang)
        if tag not in _VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        if tag in _VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        tags = {tag for tag, _ in self.stack}
        if tags & {"script", "style", "head", "template"}:
            return
        self._add(data, self._lang())

    def _add(self, text, lang):
        text = " ".join(text.split())
        if text:
            self.segments.append((text, lang))


def segments(html: str, page_lang: str) -> list[tuple[str, str]]:
    reader = _Segments(page_lang)
    reader.feed(html)
    reader.close()
    return reader.segments


def is_wording(text: str) -> bool:
    """Whether `text` has ordinary words in it, not only proper nouns (capitalised
    words and their connectors), codes, numbers, web or email addresses."""
    words = _WORD.findall(_URL.sub(" ", text))
    lower = [w for w in words if w[0].islower()]
    if not lower:
        return False
    if any(w[0].isupper() for w in words) and all(w in _CONNECTORS for w in lower):
        return False
    return not all(w.lower() in _SHARED for w in lower)


def unmarked_english(english_html: str, spanish_html: str) -> list[str]:
    """Segments of the Spanish page shown as on the English page, not marked lang="en"."""
    english = {text for text, lang in segments(english_html, "en") if lang == "en"}
    found = []
    for text, lang in segments(spanish_html, "es"):
        if lang != "en" and text in english and is_wording(text) and text not in found:
            found.append(text)
    return found


# The checker itself ------------------------------------------------------------------


def test_the_checker_finds_unmarked_english_and_nothing_else():
    english = (
        '<html lang="en"><head><title>Plan (demo)</title></head><body>'
        "<p>State team coordinator (demo)</p><p>Maya Lopez</p><p>Family Voices</p>"
        "<p>Child Health and Development Institute of Connecticut</p>"
        "<p>team-ut@example.org · https://example.org/x · 2024 · TX</p>"
        '<p lang="es">Sólo en español</p><a aria-label="Open the menu">Menu</a></body></html>'
    )
    spanish = (
        '<html lang="es"><head><title>Plan (demo)</title></head><body>'
        "<p>State team coordinator (demo)</p><p>Maya Lopez</p><p>Family Voices</p>"
        "<p>Child Health and Development Institute of Connecticut</p>"
        "<p>team-ut@example.org · https://example.org/x · 2024 · TX</p>"
        '<p>Sólo en español</p><a aria-label="Open the menu">Menú</a>'
        '<p lang="en">Demo chapter of pediatricians <b>and more</b></p></body></html>'
    )
    assert unmarked_english(english, spanish) == ["State team coordinator (demo)", "Open the menu"]
    marked = spanish.replace("<p>State team", '<p lang="en">State team').replace(
        'aria-label="Open the menu"', 'aria-label="Abrir el menú"'
    )
    assert unmarked_english(english, marked) == []


# The demo content ----------------------------------------------------------------------


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)


def public_paths() -> list[tuple[str, str]]:
    """(English path, Spanish path) of every public page of the demo content."""
    pages = [
        ("home", lambda: reverse("home")),
        ("resource list", lambda: reverse("resources:list")),
        ("faq", lambda: reverse("faq:index")),
        ("mentors", lambda: reverse("mentorship:mentor_list")),
        ("map", lambda: reverse("mentorship:map")),
        ("state table", lambda: reverse("mentorship:map") + "?view=table"),
        ("newsletter", lambda: reverse("newsletter:index")),
        ("events", lambda: reverse("events:list")),
        ("past events", lambda: reverse("events:past")),
    ]
    pages += [(slug, partial(reverse, "audience", kwargs={"slug": slug})) for slug in LANDINGS]
    pages += [
        (j.code, partial(reverse, "mentorship:state", kwargs={"code": j.code.lower()}))
        for j in jurisdictions.JURISDICTIONS
    ]
    for queryset in (
        Resource.objects.published(),
        Mentor.objects.published(),
        Category.objects.all(),
        Issue.objects.published(),
        Event.objects.published(),
    ):
        pages += [(str(obj.pk), obj.get_absolute_url) for obj in queryset]
    paths = []
    for _name, url in pages:
        with translation.override("en"):
            english = url()
        with translation.override("es"):
            spanish = url()
        paths.append((english, spanish))
    return paths


def test_spanish_pages_show_no_unmarked_english_data(demo, client):
    paths = public_paths()
    assert len(paths) > 140  # 59 state pages, 40+ resources, 20+ mentors, the lists
    problems = {}
    for english_path, spanish_path in paths:
        english = client.get(english_path)
        spanish = client.get(spanish_path)
        assert english.status_code == spanish.status_code, spanish_path
        if spanish.status_code == 404:
            continue
        assert spanish.status_code == 200, spanish_path
        leaks = unmarked_english(english.content.decode(), spanish.content.decode())
        if leaks:
            problems[spanish_path] = leaks
    assert problems == {}, "\n".join(f"{path}: {leaks}" for path, leaks in problems.items())
