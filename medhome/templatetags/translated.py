"""Say when curated text is shown in another language than the page's.

modeltranslation falls back silently (an empty `body_es` shows `body_en`); the issue asks
for a visible "available in English only" note instead, and for `lang` on the fragment so
screen readers switch voice. Templates use:

    {% load translated %}
    <h1{% lang_attr resource "title" %}>{{ resource.title }}</h1>
    {% shown_in resource "title" "summary" "body" as other %}
    {% include "includes/other_language.html" with language=other %}
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order

register = template.Library()


def _active() -> str:
    return (get_language() or "en").split("-")[0]


def shown_language(obj, field: str) -> str:
    """The language whose text `obj.<field>` displays in the active language."""
    active = _active()
    if obj is None or getattr(obj, build_localized_fieldname(field, active), None):
        return active
    descriptor = type(obj).__dict__.get(field)
    fallbacks = getattr(descriptor, "fallback_languages", None)
    for code in resolution_order(active, fallbacks):
        if code != active and getattr(obj, build_localized_fieldname(field, code), None):
            return code
    return active


@register.simple_tag
def shown_in(obj, *fields) -> str:
    """The other language some of `fields` fall back to, or "" when all are in the page's."""
    active = _active()
    for field in fields:
        code = shown_language(obj, field)
        if code != active:
            return code
    return ""


@register.simple_tag
def lang_attr(obj, field) -> str:
    """` lang="en"` on an element whose text fell back to another language, else nothing."""
    code = shown_language(obj, field)
    return format_html(' lang="{}"', code) if code != _active() else ""


@register.filter
def in_sentence(language_name) -> str:
    """A language's name as written inside a sentence: Spanish writes them in lower case
    ("Abrir en inglés"), English capitalises them ("Open in English")."""
    return str(language_name).lower() if _active() == "es" else language_name
