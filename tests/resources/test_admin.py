import pytest

from medhome.models import Status
from resources.models import Resource
from tests.faq.factories import QuestionFactory
from tests.resources.factories import ResourceFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/resources/resource/",
        "/admin/resources/resource/add/",
        "/admin/resources/topic/",
        "/admin/resources/resourcetype/",
        "/admin/resources/audience/",
        "/admin/faq/question/",
        "/admin/faq/question/add/",
        "/admin/faq/category/",
        "/admin/medhome/pagefeedback/",
        "/admin/medhome/pagefeedback/report/",
    ],
)
def test_admin_pages_load_for_staff(admin_client, path):
    ResourceFactory(topics=[TopicFactory()], languages=["en", "es"])
    QuestionFactory()
    assert admin_client.get(path).status_code == 200


def test_resource_change_form_has_language_versions_inline_and_view_on_site(admin_client):
    resource = ResourceFactory(languages=["en", "es"])
    html = admin_client.get(f"/admin/resources/resource/{resource.pk}/change/").content.decode()
    assert "versions-TOTAL_FORMS" in html
    assert resource.get_absolute_url() in html or "View on site" in html


def test_topics_autocomplete_answers_staff(admin_client):
    TopicFactory(slug="care-coordination", name_en="Care coordination")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "resources",
            "model_name": "resource",
            "field_name": "topics",
            "term": "coord",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Care coordination"]


def test_bulk_publish_makes_drafts_public(admin_client, client):
    draft = ResourceFactory(title_en="Now public", status=Status.DRAFT)
    admin_client.post(
        "/admin/resources/resource/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert Resource.objects.published().filter(pk=draft.pk).exists()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_admin_search_finds_resources_by_spanish_title(admin_client):
    ResourceFactory(title_en="Care plan", title_es="Plan de atención")
    html = admin_client.get("/admin/resources/resource/", {"q": "atención"}).content.decode()
    assert "Care plan" in html
