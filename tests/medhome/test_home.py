import pytest

from medhome.models import Status
from tests.mentorship.factories import PromiseFactory, StateFactory, TeamMemberFactory
from tests.newsletter.factories import IssueFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _content(n, offset=0):
    for i in range(offset, offset + n):
        ResourceFactory(title_en=f"Featured toolkit {i}", featured=True)
        IssueFactory(title_en=f"Issue {i}")


def test_home_page_shows_featured_resources_the_map_and_the_newsletter(client):
    ResourceFactory(title_en="Care plan toolkit", title_es="Plan de cuidado", featured=True)
    ResourceFactory(title_en="Not featured", featured=False)
    ResourceFactory(title_en="Draft toolkit", featured=True, status=Status.DRAFT)
    state = StateFactory(code="MN")
    TeamMemberFactory(state=state)
    PromiseFactory(state=state)
    IssueFactory(title_en="Transitions to adult care")
    html = client.get("/en/").content.decode()
    assert "Care plan toolkit" in html
    assert "Not featured" not in html
    assert "Draft toolkit" not in html
    assert "The state mentorship map" in html
    assert "Transitions to adult care" in html
    assert 'action="/en/newsletter/"' in html
    assert "Plan de cuidado" in client.get("/es/").content.decode()


def test_home_page_query_count_is_constant(client, django_assert_num_queries):
    _content(2)
    # featured resources + their versions (prefetch), the map summary, the latest
    # issue, the next two events, the demo-notice marker, the footer's "last updated"
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(8):
        client.get("/en/")
    _content(20, offset=2)
    with django_assert_num_queries(8):
        response = client.get("/en/")
    assert len(response.context["featured_resources"]) == 6


def test_sitemap_lists_every_section_in_both_languages_and_no_drafts(client):
    ResourceFactory(slug="care-plans", title_en="Care plans")
    ResourceFactory(slug="secret-draft", status=Status.DRAFT)
    StateFactory(code="VT")
    IssueFactory(slug="issue-one")
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/resources/care-plans/", "/states/vt/", "/newsletter/issue-one/", "/faq/"):
        assert f"/en{path}" in xml
        assert f"/es{path}" in xml
    assert "secret-draft" not in xml
