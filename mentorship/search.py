"""The site search's groups for states and mentors (see medhome.search).

Registered from MentorshipConfig.ready().
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medhome import search
from medhome.search import SearchGroup, SearchHit, highlight, top_with_count
from medhome.templatetags.translated import shown_in
from medhome.text import plain_text
from mentorship.models import Mentor, State


def _truncate(text: str, words: int = 30) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def state_search(query: search.Query, limit: int) -> SearchGroup:
    query = search.prepare(query)
    matches = State.objects.published().search(query).order_by("code")
    rows, count = top_with_count(matches, limit)
    hits = [
        SearchHit(
            title=highlight(state.name, query),
            url=state.get_absolute_url(),
            snippet=highlight(_truncate(plain_text(state.overview)), query),
            meta=_("State or territory"),
            other_language=shown_in(state, "overview"),
        )
        for state in rows
    ]
    return SearchGroup(
        key="states",
        title=_("States and territories"),
        count=count,
        hits=hits,
        more_url=reverse("mentorship:map") + "?view=table",
        more_label=_("See every state in the table view"),
    )


def mentor_search(query: search.Query, limit: int) -> SearchGroup:
    query = search.prepare(query)
    matches = Mentor.objects.published().search(query).order_by("-search_rank", "name", "pk")
    rows, count = top_with_count(matches, limit)
    hits = [
        SearchHit(
            title=highlight(mentor.name, query),
            url=mentor.get_absolute_url(),
            snippet=highlight(mentor.summary, query),
            meta=mentor.get_kind_display(),
            other_language=shown_in(mentor, "summary"),
        )
        for mentor in rows
    ]
    return SearchGroup(
        key="mentors",
        title=_("Mentors"),
        count=count,
        hits=hits,
        more_url=f"{reverse('mentorship:mentor_list')}?{urlencode({'q': query.text})}",
        more_label=ngettext(
            "See the mentor in the mentor search, with filters",
            "See all %(count)d mentors in the mentor search, with filters",
            count,
        )
        % {"count": count},
    )
