"""Publishing workflow: statuses, scheduling, review dates, the dashboard, preview."""

import datetime

import pytest
from django.contrib import admin
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView

from faq.models import Question
from medhome.mixins import StaffPreviewMixin
from medhome.models import Status
from medhome.staff.roles import (
    CONTENT_EDITOR,
    NEWSLETTER_MANAGER,
    PUBLISHER,
    publishable_models,
)
from resources.models import Resource
from tests.medhome.staff.factories import (
    QuestionFactory,
    ResourceFactory,
    SubmissionFactory,
    staff_user,
)

pytestmark = pytest.mark.usefixtures("roles")

TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("status", "publish_at", "public"),
    [
        (Status.PUBLISHED, timezone.now() - datetime.timedelta(minutes=1), True),
        (Status.PUBLISHED, timezone.now() + datetime.timedelta(days=2), False),  # scheduled
        (Status.DRAFT, timezone.now() - datetime.timedelta(days=1), False),
        (Status.REVIEW, timezone.now() - datetime.timedelta(days=1), False),
        (Status.ARCHIVED, timezone.now() - datetime.timedelta(days=1), False),
    ],
)
def test_only_published_items_whose_date_has_come_are_public(status, publish_at, public):
    resource = ResourceFactory(status=status, publish_at=publish_at)
    question = QuestionFactory(status=status, publish_at=publish_at)
    assert (resource in Resource.objects.published()) is public
    assert (question in Question.objects.published()) is public
    assert resource.is_public is public


def test_a_scheduled_item_goes_public_when_its_date_comes(settings):
    later = timezone.now() + datetime.timedelta(hours=1)
    resource = ResourceFactory(status=Status.PUBLISHED, publish_at=later)
    assert not Resource.objects.published().exists()
    Resource.objects.filter(pk=resource.pk).update(publish_at=timezone.now())
    assert Resource.objects.published().get() == resource


def test_the_needs_review_filter_finds_items_not_reviewed_in_12_months(client):
    stale = QuestionFactory(last_reviewed=TODAY - datetime.timedelta(days=400))
    never = QuestionFactory(last_reviewed=None)
    fresh = QuestionFactory(last_reviewed=TODAY - datetime.timedelta(days=30))
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    url = reverse("admin:faq_question_changelist")
    needed = client.get(url + "?review=needed").context["cl"].result_list
    reviewed = client.get(url + "?review=ok").context["cl"].result_list
    assert set(needed) == {stale, never}
    assert list(reviewed) == [fresh]
    assert client.get(url + "?review=%00nonsense").status_code == 200


def test_mark_reviewed_sets_today_for_the_selected_items(client):
    stale = QuestionFactory(last_reviewed=TODAY - datetime.timedelta(days=400))
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    client.post(
        reverse("admin:faq_question_changelist"),
        {"action": "mark_reviewed", "_selected_action": [stale.pk]},
    )
    stale.refresh_from_db()
    assert stale.last_reviewed == TODAY
    assert not Question.objects.needs_review().exists()


def test_the_dashboard_lists_what_needs_review_and_open_queue_items(client):
    QuestionFactory(question_en="Stale question?", last_reviewed=None)
    QuestionFactory(question_en="Fresh question?", last_reviewed=TODAY)
    QuestionFactory(question_en="Archived question?", status=Status.ARCHIVED)
    SubmissionFactory.create_batch(2)
    SubmissionFactory(queue_status="in_progress")
    SubmissionFactory(queue_status="closed")
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    html = client.get(reverse("admin:index")).content.decode()
    review = html.split('id="dashboard-review"')[1].split("</table>")[0]
    assert "Stale question?" in review
    assert "Fresh question?" not in review
    assert "Archived question?" not in review
    queues = html.split('id="dashboard-queues"')[1].split("</table>")[0]
    assert "queue_status__exact=new" in queues
    assert "<td>2</td>" in queues
    assert "<td>1</td>" in queues  # in progress
    assert "closed" not in queues


def test_the_dashboard_shows_each_role_only_what_it_may_see(client):
    QuestionFactory(question_en="Stale question?", last_reviewed=None)
    SubmissionFactory()
    client.force_login(staff_user("nina", NEWSLETTER_MANAGER))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stale question?" not in html
    assert "Shared tools and updates" not in html


def test_the_change_form_of_a_draft_links_to_its_preview(client, monkeypatch):
    monkeypatch.setattr(Question, "get_absolute_url", lambda self: f"/en/faq/#{self.slug}")
    draft = QuestionFactory(status=Status.DRAFT, slug="draft-one")
    public = QuestionFactory(status=Status.PUBLISHED, slug="public-one")
    client.force_login(staff_user("pat", PUBLISHER))
    draft_page = client.get(reverse("admin:faq_question_change", args=[draft.pk]))
    assert 'href="/en/faq/#draft-one"' in draft_page.content.decode()
    assert "Preview on site" in draft_page.content.decode()
    public_page = client.get(reverse("admin:faq_question_change", args=[public.pk]))
    assert "Preview on site" not in public_page.content.decode()
    listing = client.get(reverse("admin:faq_question_changelist")).content.decode()
    assert ">Preview</a>" in listing
    assert ">View</a>" in listing


class ResourceDetail(StaffPreviewMixin, DetailView):
    model = Resource
    template_name = "base.html"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_drafts_are_previewed_by_staff_and_hidden_from_the_public(status, django_user_model):
    resource = ResourceFactory(status=status)
    view = ResourceDetail.as_view()
    request = RequestFactory().get("/")
    request.user = django_user_model(is_staff=False)
    with pytest.raises(Http404):
        view(request, pk=resource.pk)
    request.user = staff_user("eddie", CONTENT_EDITOR)
    assert view(request, pk=resource.pk).status_code == 200


def _dashboard_data(n):
    for _ in range(n):
        QuestionFactory(last_reviewed=None)
        ResourceFactory(last_reviewed=None).versions.create(
            language="en", format="web", url="https://example.org/x", last_status=404
        )
        SubmissionFactory()


def test_the_dashboard_query_count_does_not_grow_with_the_data(client, django_assert_num_queries):
    editor = staff_user("eddie", CONTENT_EDITOR)
    client.force_login(editor)
    _dashboard_data(2)
    # session, user, the user's permissions (2: user and group), needs review
    # (one count per curated model the editor may see, plus the first items for
    # each model with stale rows: questions, resources, the migrations' pages and
    # the factories' categories), open queue
    # items (1: counts by status), broken links (count + first items: 2), the
    # admin's "recent actions" (1), the session's second factor (django-otp: 1).
    # It depends on the models, never on the rows.
    curated = [
        m
        for m in publishable_models()
        if admin.site.is_registered(m)
        and editor.has_perm(f"{m._meta.app_label}.view_{m._meta.model_name}")
    ]
    stale = [
        m for m in curated if m._default_manager.needs_review().exclude(status="archived").exists()
    ]
    expected = 4 + len(curated) + len(stale) + 1 + 2 + 1 + 1
    with django_assert_num_queries(expected):
        assert client.get(reverse("admin:index")).status_code == 200
    _dashboard_data(20)
    with django_assert_num_queries(expected):
        assert client.get(reverse("admin:index")).status_code == 200
