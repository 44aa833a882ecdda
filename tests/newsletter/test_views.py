import datetime

import pytest
from django.utils import timezone

from medhome.models import Status
from newsletter.models import Subscriber
from newsletter.sitemaps import IssueSitemap, NewsletterIndexSitemap
from newsletter.views import home_context
from tests.newsletter.factories import (
    IssueFactory,
    IssueSectionFactory,
    ResourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_the_archive_lists_sent_published_issues_newest_first(client):
    old = IssueFactory(issue_date=datetime.date(2026, 1, 5), title_en="Old news")
    new = IssueFactory(issue_date=datetime.date(2026, 3, 5), title_en="New news")
    IssueFactory(title_en="Draft issue", status=Status.DRAFT)
    IssueFactory(title_en="Not sent yet", sent_at=None)
    IssueFactory(title_en="Scheduled", publish_at=timezone.now() + datetime.timedelta(days=3))
    response = client.get("/en/newsletter/")
    assert response.status_code == 200
    assert list(response.context["issues"]) == [new, old]
    for hidden in (b"Draft issue", b"Not sent yet", b"Scheduled"):
        assert hidden not in response.content
    assert b'name="email"' in response.content


@pytest.mark.smoke
def test_the_archive_in_spanish_uses_spanish_titles(client):
    IssueFactory(title_en="Care plans", title_es="Planes de cuidado")
    response = client.get("/es/newsletter/")
    assert b"Planes de cuidado" in response.content
    assert b'lang="es"' in response.content


def test_an_issue_page_shows_its_sections_and_links(client):
    resource = ResourceFactory(title_en="Care plan template")
    issue = IssueFactory(title_en="Spring issue")
    IssueSectionFactory(issue=issue, heading_en="A tool", resource=resource, url="")
    IssueSectionFactory(issue=issue, heading_en="Events", url="https://example.org/events")
    response = client.get(issue.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Spring issue" in content
    assert "A tool" in content
    assert 'href="https://example.org/events"' in content


def test_unpublished_or_unsent_issues_are_404_for_the_public_and_preview_for_staff(
    client, admin_client
):
    for issue in (IssueFactory(status=Status.DRAFT), IssueFactory(sent_at=None)):
        assert client.get(issue.get_absolute_url()).status_code == 404
        assert admin_client.get(issue.get_absolute_url()).status_code == 200
    draft = IssueFactory(status=Status.DRAFT)
    assert b"Preview" in admin_client.get(draft.get_absolute_url()).content


def test_a_link_to_an_unpublished_resource_is_not_shown(client):
    hidden = ResourceFactory(status=Status.DRAFT, slug="secret-tool")
    section = IssueSectionFactory(resource=hidden, url="")
    assert section.link_path == ""
    assert b"secret-tool" not in client.get(section.issue.get_absolute_url()).content


def test_archive_query_count_is_constant(client, django_assert_num_queries):
    topics = TopicFactory.create_batch(3)
    IssueSectionFactory.create_batch(3)
    # 1 demo marker, 1 count of issues, 1 page of issues, 1 topics for the form's checkboxes.
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        assert client.get("/en/newsletter/").status_code == 200
    IssueSectionFactory.create_batch(30)
    TopicFactory.create_batch(30)
    with django_assert_num_queries(5):
        response = client.get("/en/newsletter/")
    assert len(response.context["issues"]) == 20
    assert topics[0].name in response.content.decode()
    # Once a worker has the list, the count, the topics and the footer's date, a visitor
    # (who gets a fresh sign-up form) costs the content version only.
    with django_assert_num_queries(1):
        again = client.get("/en/newsletter/")
    assert again.content.count(b'class="result"') == 20


def test_the_archive_footer_shows_the_newest_issue_on_the_page(client):
    old = IssueFactory(issue_date=datetime.date(2020, 1, 1))
    IssueFactory.create_batch(20, issue_date=datetime.date(2026, 1, 1))
    newest_first = client.get("/en/newsletter/").context
    assert newest_first["last_updated"] == max(i.updated_at for i in newest_first["issues"])
    second = client.get("/en/newsletter/?page=2").context
    assert list(second["issues"]) == [old]
    assert second["last_updated"] == old.updated_at


def test_issue_page_query_count_is_constant(client, django_assert_num_queries):
    issue = IssueFactory()
    IssueSectionFactory.create_batch(2, issue=issue, resource=ResourceFactory(), url="")
    # 1 demo marker, 1 the issue, 1 its sections, 1 their resources.
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        assert client.get(issue.get_absolute_url()).status_code == 200
    for _ in range(20):
        IssueSectionFactory(issue=issue, resource=ResourceFactory(), url="")
    with django_assert_num_queries(5):
        response = client.get(issue.get_absolute_url())
    assert response.content.count(b'class="issue__section"') == 22


@pytest.mark.parametrize(
    "query", ["?page=999", "?page=abc", "?page=-1", "?page=%00", "?page=😀", "?q=" + "x" * 5000]
)
def test_odd_query_strings_give_the_archive(client, query):
    issue = IssueFactory()
    response = client.get("/en/newsletter/" + query)
    assert response.status_code == 200
    assert issue.title in response.content.decode()


@pytest.mark.parametrize("slug", ["missing", "x" * 300, "feed-x"])
def test_unknown_issues_are_404(client, slug):
    assert client.get(f"/en/newsletter/{slug}/").status_code == 404


def test_the_atom_feed_lists_sent_issues_with_absolute_links(client):
    issue = IssueFactory(title_en="Feed me")
    IssueFactory(title_en="Draft issue", status=Status.DRAFT)
    response = client.get("/en/newsletter/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    content = response.content.decode()
    assert "Feed me" in content
    assert "Draft issue" not in content
    assert f"http://testserver{issue.get_absolute_url()}" in content


def test_sitemaps_list_the_archive_and_sent_issues_only():
    sent = IssueFactory()
    IssueFactory(sent_at=None)
    assert list(IssueSitemap().items()) == [sent]
    assert NewsletterIndexSitemap().location("newsletter:index") == "/en/newsletter/"


def test_home_context_gives_the_latest_issue_and_a_form(rf):
    IssueFactory(issue_date=datetime.date(2026, 1, 1))
    latest = IssueFactory(issue_date=datetime.date(2026, 2, 1))
    context = home_context(rf.get("/en/"))
    assert list(context["newsletter_latest_issue"]) == [latest]
    assert "email" in context["newsletter_form"].fields


def test_home_partial_renders_and_its_form_signs_up(client, rf):
    from django.template.loader import render_to_string

    latest = IssueFactory(title_en="Latest and greatest")
    request = rf.get("/en/")
    html = render_to_string("newsletter/_home.html", home_context(request), request=request)
    assert "Latest and greatest" in html
    assert latest.get_absolute_url() in html
    assert 'name="from" value="home"' in html
    assert 'id="newsletter_email"' in html  # ids of its own beside other forms on the home page
    assert Subscriber.objects.count() == 0


def test_reserved_slugs_are_refused():
    from django.core.exceptions import ValidationError

    issue = IssueFactory.build(slug="feed")
    with pytest.raises(ValidationError):
        issue.full_clean()
