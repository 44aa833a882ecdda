"""Breadcrumbs: where a page sits in the site, built one way.

A view puts `breadcrumbs=trail(..., here=...)` in its context and base.html draws it
with templates/includes/breadcrumbs.html ("Home" first, the current page last and
unlinked). The site's sections, each a label and the URL name of its index page,
are named once here, so no view spells out a section's label or reverses its URL:

    trail(here=_("Search"))                                  # Home › Search
    trail("mentors", mentor, here=_("Ask for an introduction"))
                                     # Home › Mentors › <mentor> › Ask for an introduction

This module names URLs, not modules: it imports no app.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

type Label = str | Promise


class Crumb(NamedTuple):
    """One step of the trail; `url` is None for the page itself."""

    label: Label
    url: str | None = None


class Linkable(Protocol):
    def get_absolute_url(self) -> str: ...


# Section key -> (label, URL name of the section's index page).
SECTIONS: dict[str, tuple[Label, str]] = {
    "resources": (_("Resources"), "resources:list"),
    "faq": (_("Frequently asked questions"), "faq:index"),
    "map": (_("State mentorship map"), "mentorship:map"),
    "mentors": (_("Mentors"), "mentorship:mentor_list"),
    "newsletter": (_("Newsletter"), "newsletter:index"),
    "events": (_("Events and webinars"), "events:list"),
    "past_events": (_("Past events and recordings"), "events:past"),
}


def section(name: str) -> Crumb:
    """The linked crumb of a section's index page."""
    label, url_name = SECTIONS[name]
    return Crumb(label, reverse(url_name))


def section_page(name: str) -> list[Crumb]:
    """The trail of a section's own index page: Home › <section>. Reverses nothing, so
    it may sit in a class attribute such as `extra_context`."""
    return [Crumb(SECTIONS[name][0])]


def trail(*steps: str | Crumb | Linkable, here: Label) -> list[Crumb]:
    """Home › steps… › here. A step is a section key ("faq"), a Crumb, or an object
    with get_absolute_url() (labelled by its str(), e.g. a state or a mentor)."""
    crumbs = []
    for step in steps:
        if isinstance(step, str):
            crumbs.append(section(step))
        elif isinstance(step, Crumb):
            crumbs.append(step)
        else:
            crumbs.append(Crumb(str(step), step.get_absolute_url()))
    crumbs.append(Crumb(here))
    return crumbs
