"""Pages (About, Contact...) and FAQ categories go draft -> review -> published like
the rest of the curated content: an editor's save does not put them live."""

import pytest
from django.urls import reverse

from faq.models import Category
from medhome.models import Page, Status
from medhome.staff.roles import CONTENT_EDITOR, PUBLISHER
from tests.factories import PageFactory
from tests.faq.factories import CategoryFactory, QuestionFactory
from tests.medhome.staff.factories import staff_user

pytestmark = pytest.mark.usefixtures("roles")


def page_form(**fields):
    return {
        "slug": "about",
        "title_en": "About the center",
        "title_es": "Acerca del centro",
        "summary_en": "",
        "summary_es": "",
        "body_en": "Who we are.",
        "body_es": "Quiénes somos.",
        "status": Status.DRAFT,
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "last_reviewed": "",
        **fields,
    }


def test_an_editor_saves_a_page_as_a_draft_and_cannot_publish_it(client):
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    add = reverse("admin:medhome_page_add")
    form = client.get(add).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]
    response = client.post(add, page_form(status=Status.PUBLISHED))
    assert response.status_code == 200  # the form refuses "published"
    assert not Page.objects.filter(slug="about").exists()
    client.post(add, page_form(status=Status.REVIEW))
    page = Page.objects.get(slug="about")
    assert page.status == Status.REVIEW
    client.logout()
    assert client.get("/en/about/").status_code == 404


def test_a_publisher_publishes_a_page_and_the_public_sees_it(client):
    page = PageFactory(slug="about", status=Status.REVIEW)
    assert client.get("/en/about/").status_code == 404
    client.force_login(staff_user("pat", PUBLISHER))
    assert client.get("/en/about/").status_code == 200  # staff preview
    client.post(
        reverse("admin:medhome_page_changelist"),
        {"action": "publish", "_selected_action": [page.pk]},
    )
    client.logout()
    assert client.get("/en/about/").status_code == 200
    page.refresh_from_db()
    assert page.history.first().status == Status.PUBLISHED


def test_a_draft_contact_page_is_not_public(client):
    PageFactory(slug="contact", status=Status.DRAFT)
    assert client.get("/en/contact/").status_code == 404
    Page.objects.filter(slug="contact").update(status=Status.PUBLISHED)
    assert client.get("/en/contact/").status_code == 200


def test_a_draft_category_hides_its_page_and_its_questions(client):
    category = CategoryFactory(slug="transition", status=Status.DRAFT, name_en="Transition")
    QuestionFactory(category=category, question_en="When do we start planning?")
    url = reverse("faq:category", kwargs={"slug": "transition"})
    assert client.get(url).status_code == 404
    assert "When do we start planning?" not in client.get(reverse("faq:index")).content.decode()
    client.force_login(staff_user("pat", PUBLISHER))
    assert client.get(url).status_code == 200  # staff preview
    client.post(
        reverse("admin:faq_category_changelist"),
        {"action": "publish", "_selected_action": [category.pk]},
    )
    client.logout()
    assert client.get(url).status_code == 200
    assert "When do we start planning?" in client.get(reverse("faq:index")).content.decode()


def test_an_editor_cannot_publish_a_category_with_the_bulk_action(client):
    category = CategoryFactory(status=Status.DRAFT)
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    client.post(
        reverse("admin:faq_category_changelist"),
        {"action": "publish", "_selected_action": [category.pk]},
    )
    assert Category.objects.get(pk=category.pk).status == Status.DRAFT
