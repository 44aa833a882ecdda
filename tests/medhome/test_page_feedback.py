""" "Was this page helpful?" on every content page (medhome/feedback.py) and its staff report."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medhome import feedback
from medhome.models import PageFeedback
from medhome.staff.roles import (
    CONTENT_EDITOR,
    MENTORSHIP_COORDINATOR,
    NEWSLETTER_MANAGER,
    sync_roles,
)
from tests.events.factories import EventFactory
from tests.factories import PageFactory
from tests.medhome.staff.factories import staff_user
from tests.mentorship.factories import MentorFactory, StateFactory
from tests.newsletter.factories import IssueFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _pages():
    """(address without the language, the title the report shows) of one page of each kind."""
    resource = ResourceFactory(title_en="Care plan template", title_es="Plantilla")
    state = StateFactory(code="UT")
    mentor = MentorFactory(name="Prairie Clinic", slug="prairie-clinic")
    PageFactory(slug="about-us", title_en="About the center", title_es="Sobre el centro")
    issue = IssueFactory(slug="spring", title_en="Spring issue", title_es="Número de primavera")
    event = EventFactory(slug="webinar", title_en="Huddles webinar", title_es="Seminario")
    return [
        (resource.get_absolute_url()[3:], "Care plan template"),
        (state.get_absolute_url()[3:], str(state)),
        (mentor.get_absolute_url()[3:], "Prairie Clinic"),
        ("/about-us/", "About the center"),
        (issue.get_absolute_url()[3:], "Spring issue"),
        (event.get_absolute_url()[3:], "Huddles webinar"),
        ("/resources/for/families/", "For families"),
    ]


def _target(html: str) -> str:
    match = re.search(r'name="target" value="([^"]+)"', html)
    assert match, "no helpful form on the page"
    return match.group(1)


def test_every_kind_of_content_page_asks_and_counts_in_both_languages(client):
    for path, title in _pages():
        for language in ("en", "es"):
            html = client.get(f"/{language}{path}").content.decode()
            assert f'action="/{language}/feedback/"' in html, path
            assert 'name="helpful" value="no"' in html
            assert 'name="comment"' in html
            target = _target(html)
            # The page is named without its language, and in English whatever was read.
            assert feedback.read_target(target) == (path, title)
        response = client.post("/es/feedback/", {"target": target, "helpful": "no"})
        assert response.status_code == 302
        assert response["Location"] == f"/es{path}#helpful"
    assert PageFeedback.objects.count() == 7
    assert set(PageFeedback.objects.values_list("language", flat=True)) == {"es"}


def test_a_vote_returns_to_the_page_with_a_thank_you_instead_of_the_form(client):
    resource = ResourceFactory()
    url = resource.get_absolute_url()
    target = _target(client.get(url).content.decode())
    response = client.post(
        "/en/feedback/",
        {"target": target, "helpful": "yes", "comment": "  Clear, thanks!\x07 "},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain == [(f"{url}#helpful", 302)]
    assert "Thank you. Your answer helps us improve this page." in html
    assert "Thank you for telling us whether this helped." in html
    assert 'name="target"' not in html
    vote = PageFeedback.objects.get()
    assert (vote.page, vote.helpful, vote.comment, vote.language) == (
        url[3:],
        True,
        "Clear, thanks!",
        "en",
    )
    # The same page read in Spanish is the same page: no second vote.
    html = client.get(url.replace("/en/", "/es/", 1)).content.decode()
    assert "Gracias" in html
    assert 'name="target"' not in html


def test_a_visitor_counts_once_per_page_with_or_without_cookies(client):
    resource = ResourceFactory()
    target = _target(client.get(resource.get_absolute_url()).content.decode())
    for _ in range(3):
        client.post("/en/feedback/", {"target": target, "helpful": "no"})
    for _ in range(3):
        client.cookies.clear()
        client.post("/en/feedback/", {"target": target, "helpful": "no"})
    assert PageFeedback.objects.count() == 1
    # Another client address is another visitor.
    Client(REMOTE_ADDR="198.51.100.9").post("/en/feedback/", {"target": target, "helpful": "yes"})
    assert PageFeedback.objects.count() == 2


def test_a_flood_of_votes_from_one_client_is_limited(client, settings):
    settings.RATE_LIMITS = {"default": "30/h", "feedback": "3/h"}
    codes = []
    for n in range(5):
        client.cookies.clear()
        target = feedback.make_target(f"/resources/r-{n}/", f"R {n}")
        codes.append(client.post("/en/feedback/", {"target": target, "helpful": "no"}).status_code)
    assert codes == [302] * 3 + [429] * 2
    assert PageFeedback.objects.count() == 3


def test_a_long_comment_is_cut_to_its_length(client):
    target = feedback.make_target("/about-us/", "About")
    client.post("/en/feedback/", {"target": target, "helpful": "no", "comment": "a" * 5000})
    assert len(PageFeedback.objects.get().comment) == 1000


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"helpful": "yes"},
        {"helpful": "yes", "target": "forged"},
        {"helpful": "yes", "target": feedback.make_target("/x/", "X")[:-2] + "zz"},
        {"helpful": "maybe", "target": feedback.make_target("/x/", "X")},
        {"helpful": "yes", "target": feedback.make_target("/x/", "X"), "comment": "a\x00b"},
    ],
)
def test_bad_or_forged_votes_are_refused(client, data):
    assert client.post("/en/feedback/", data).status_code == 400
    assert not PageFeedback.objects.exists()


def test_the_form_needs_no_csrf_token_but_another_site_cannot_post_it():
    """No per-visitor token in the page (so it stays cacheable, medhome.httpcache); a
    browser's post from another site's page is refused and counts nothing."""
    resource = ResourceFactory()
    client = Client(enforce_csrf_checks=True)
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in html
    data = {"target": _target(html), "helpful": "no"}
    refused = [
        client.post("/en/feedback/", data, HTTP_ORIGIN="https://evil.example"),
        client.post("/en/feedback/", data, HTTP_ORIGIN="null"),
        client.post("/en/feedback/", data, HTTP_SEC_FETCH_SITE="cross-site"),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert "only be sent from this site" in refused[0].content.decode()
    assert not PageFeedback.objects.exists()
    response = client.post(
        "/en/feedback/", data, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    assert PageFeedback.objects.count() == 1


def test_a_vote_needs_post(client):
    assert client.get("/en/feedback/").status_code == 405


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    target=st.one_of(st.text(max_size=80), st.just(feedback.make_target("/x/", "X"))),
    helpful=st.one_of(st.sampled_from(["yes", "no"]), st.text(max_size=5)),
    comment=st.text(max_size=300),
)
def test_whatever_is_posted_never_fails(client, target, helpful, comment):
    client.cookies.clear()
    before = PageFeedback.objects.count()
    response = client.post(
        "/en/feedback/", {"target": target, "helpful": helpful, "comment": comment}
    )
    assert response.status_code in (302, 400, 429)
    # Only an accepted answer is stored (once a day per address), and it sends the reader
    # back to the page; a refused one stores nothing.
    stored = PageFeedback.objects.count() - before
    assert stored <= (1 if response.status_code == 302 else 0)
    if response.status_code == 302:
        assert response["Location"].startswith("/en/")
        assert response["Location"].endswith("#helpful")


# --- The staff report -----------------------------------------------------------------


def _votes(page, title, yes, no, comments=()):
    for helpful, count in ((True, yes), (False, no)):
        PageFeedback.objects.bulk_create(
            PageFeedback(page=page, title=title, helpful=helpful) for _ in range(count)
        )
    for text in comments:
        PageFeedback.objects.create(page=page, title=title, helpful=False, comment=text)


@pytest.fixture
def roles(db):
    sync_roles()


@pytest.fixture
def editor(roles, client):
    client.force_login(staff_user("editor", CONTENT_EDITOR))
    return client


def test_the_report_lists_the_least_helpful_pages_first_with_counts_and_comments(editor):
    _votes("/resources/good/", "Good tool", yes=9, no=1)
    _votes("/resources/bad/", "Confusing tool", yes=1, no=2, comments=["The link is broken"])
    _votes("/states/UT/", "Utah", yes=2, no=2)
    response = editor.get("/admin/medhome/pagefeedback/report/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["title"] for row in rows] == ["Confusing tool", "Utah", "Good tool"]
    assert (rows[0]["yes"], rows[0]["no"], rows[0]["comments"], rows[0]["no_share"]) == (
        1,
        3,
        1,
        75,
    )
    html = response.content.decode()
    assert "The link is broken" in html
    assert html.index("Confusing tool") < html.index("Good tool")
    # The answers' list links to the report.
    changelist = editor.get("/admin/medhome/pagefeedback/").content.decode()
    assert "/admin/medhome/pagefeedback/report/" in changelist


def test_the_report_shows_each_page_s_latest_comments_only(editor):
    _votes("/about-us/", "About", yes=0, no=0, comments=[f"comment {n}" for n in range(15)])
    row = editor.get("/admin/medhome/pagefeedback/report/").context["rows"][0]
    assert [c.comment for c in row["comment_list"]] == [f"comment {n}" for n in range(14, 4, -1)]


def test_the_report_s_queries_do_not_grow_with_pages_or_comments(editor):
    _votes("/a/", "A", yes=1, no=1, comments=["x"])
    editor.get("/admin/medhome/pagefeedback/report/")  # sessions and caches warm
    few = len(_queries(editor))
    for n in range(30):
        _votes(f"/p{n}/", f"P {n}", yes=n % 3, no=2, comments=["one", "two"])
    assert len(_queries(editor)) == few


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/admin/medhome/pagefeedback/report/").status_code == 200
    return captured.captured_queries


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(CONTENT_EDITOR, True), (MENTORSHIP_COORDINATOR, True), (NEWSLETTER_MANAGER, False)],
)
def test_the_report_needs_its_role_permission(roles, client, role, allowed):
    client.force_login(staff_user("someone", role))
    response = client.get("/admin/medhome/pagefeedback/report/")
    assert response.status_code == (200 if allowed else 403)


def test_staff_cannot_edit_or_add_answers(editor):
    _votes("/a/", "A", yes=1, no=0)
    vote = PageFeedback.objects.get()
    assert editor.get("/admin/medhome/pagefeedback/add/").status_code == 403
    assert editor.post(f"/admin/medhome/pagefeedback/{vote.pk}/change/", {}).status_code == 403
