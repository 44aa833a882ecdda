"""The site search's groups for states and mentors (see medhome.search).

Registered from MentorshipConfig.ready() when medhome.search is present.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medhome.text import plain_text
from mentorship.models import Mentor, State


def _truncate(text: str, words: int = 30) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def state_search(query: str, limit: int):
    from medhome.search import SearchGroup, SearchHit

    matches = State.objects.published().search(query).select_related("qi_plan", "promise")
    count = matches.count()
    hits = [
        SearchHit(
            title=state.name,
            url=state.get_absolute_url(),
            snippet=_truncate(plain_text(state.overview)),
            meta=_("State or territory"),
        )
        for state in matches.order_by("code")[:limit]
    ]
    return SearchGroup(
        key="states",
        title=_("States and territories"),
        count=count,
        hits=hits,
        more_url=reverse("mentorship:map") + "?view=table",
        more_label=_("See every state in the table view"),
    )


def mentor_search(query: str, limit: int):
    from medhome.search import SearchGroup, SearchHit

    matches = Mentor.objects.published().search(query)
    count = matches.count()
    hits = [
        SearchHit(
            title=mentor.name,
            url=mentor.get_absolute_url(),
            snippet=mentor.summary,
            meta=mentor.get_kind_display(),
        )
        for mentor in matches.order_by("name", "pk")[:limit]
    ]
    return SearchGroup(
        key="mentors",
        title=_("Mentors"),
        count=count,
        hits=hits,
        more_url=f"{reverse('mentorship:mentor_list')}?{urlencode({'q': query})}",
        more_label=ngettext(
            "See the mentor in the mentor search, with filters",
            "See all %(count)d mentors in the mentor search, with filters",
            count,
        )
        % {"count": count},
    )
