"""The newsletter archive's group in the site search: sent issues whose title,
introduction or sections match."""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from medhome import search
from medhome.search import SearchGroup, SearchHit, highlight, top_with_count
from medhome.templatetags.translated import shown_in
from medhome.text import plain_text

from .models import Issue, IssueSection


def site_search(query: search.Query, limit: int) -> SearchGroup:
    query = search.prepare(query)
    in_issue = search.search(Issue.objects.all(), query).values("pk")
    in_sections = search.search(IssueSection.objects.all(), query).values("issue_id")
    matches = (
        Issue.objects.archive()
        .filter(Q(pk__in=in_issue) | Q(pk__in=in_sections))
        .order_by("-issue_date", "-pk")
    )
    rows, count = top_with_count(matches, limit)
    hits = [
        SearchHit(
            title=highlight(issue.title, query),
            url=issue.get_absolute_url(),
            snippet=highlight(plain_text(issue.intro)[:300], query),
            meta=formats.date_format(issue.issue_date, "DATE_FORMAT"),
            other_language=shown_in(issue, "title", "intro"),
        )
        for issue in rows
    ]
    return SearchGroup(
        key="newsletter",
        title=_("Newsletter issues"),
        count=count,
        hits=hits,
        more_url=reverse("newsletter:index"),
        more_label=_("See every issue in the newsletter archive"),
    )
