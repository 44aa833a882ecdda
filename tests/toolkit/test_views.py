import pytest
from django.test import Client

from medhome.models import Status
from resources.models import ResourceVersion
from tests.resources.factories import ResourceFactory
from toolkit import lists

pytestmark = pytest.mark.django_db


def add(client, resource, next_url="/en/resources/"):
    return client.post("/en/toolkit/add/", {"resource": resource.pk, "next": next_url})


def test_sign_and_unsign_round_trip_compactly():
    value = lists.sign([1, 36, 1295])
    assert value.startswith("1.10.zz:")
    assert lists.unsign(value) == [1, 36, 1295]
    assert lists.unsign(value.replace("zz", "zy")) is None
    assert lists.unsign("nonsense") is None


@pytest.mark.smoke
def test_adding_a_resource_goes_back_and_lists_it_in_the_toolkit(client):
    resource = ResourceFactory(title_en="Care plan template")
    response = add(client, resource, next_url="/en/resources/?topic=x")
    assert response.status_code == 302
    assert response["Location"] == "/en/resources/?topic=x"
    page = client.get("/en/toolkit/")
    assert [r.title for r in page.context["resources"]] == ["Care plan template"]


def test_another_sites_page_cannot_add_or_remove(client):
    resource = ResourceFactory()
    data = {"resource": resource.pk}
    assert (
        client.post("/en/toolkit/add/", data, HTTP_ORIGIN="https://evil.example").status_code
        == 403
    )
    assert (
        client.post("/en/toolkit/add/", data, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    )
    assert client.get("/en/toolkit/").context["resources"] == []
    add(client, resource, next_url="/en/toolkit/")
    assert client.post("/en/toolkit/remove/", data, HTTP_ORIGIN="null").status_code == 403
    assert [r.pk for r in client.get("/en/toolkit/").context["resources"]] == [resource.pk]


def test_adding_twice_keeps_one_and_says_so(client):
    resource = ResourceFactory()
    add(client, resource)
    response = client.post(
        "/en/toolkit/add/", {"resource": resource.pk, "next": "/en/toolkit/"}, follow=True
    )
    assert "was already in your toolkit" in response.content.decode()
    assert len(response.context["resources"]) == 1


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_adding_a_missing_resource_is_a_404_not_a_500(client, value):
    assert client.post("/en/toolkit/add/", {"resource": value}).status_code == 404


def test_a_draft_cannot_be_added(client):
    draft = ResourceFactory(status=Status.DRAFT)
    assert add(client, draft).status_code == 404


def test_next_must_stay_on_this_site(client):
    response = add(client, ResourceFactory(), next_url="https://evil.example/")
    assert response["Location"] == "/en/toolkit/"


def test_removing_a_resource(client):
    first, second = ResourceFactory(title_en="First"), ResourceFactory(title_en="Second")
    add(client, first)
    add(client, second)
    client.post("/en/toolkit/remove/", {"resource": first.pk, "next": "/en/toolkit/"})
    assert [r.title for r in client.get("/en/toolkit/").context["resources"]] == ["Second"]


def test_toolkit_lists_downloads_in_the_visitors_language(client):
    resource = ResourceFactory(title_en="Plan", title_es="Plan de cuidado", languages=[])
    ResourceVersion.objects.create(
        resource=resource, language="en", url="https://example.org/en.pdf"
    )
    ResourceVersion.objects.create(
        resource=resource, language="es", url="https://example.org/es.pdf"
    )
    english_only = ResourceFactory(languages=[])
    ResourceVersion.objects.create(
        resource=english_only, language="en", url="https://example.org/x.pdf"
    )
    add(client, resource)
    add(client, english_only)
    html = client.get("/es/toolkit/").content.decode()
    assert "https://example.org/es.pdf" in html
    assert "https://example.org/en.pdf" not in html
    assert "https://example.org/x.pdf" in html
    assert "No está disponible en su idioma" in html
    assert "Plan de cuidado" in html


def test_share_link_shows_the_same_list_to_someone_else(client):
    first, second = ResourceFactory(title_en="First"), ResourceFactory(title_en="Second")
    add(client, second)
    add(client, first)
    share_url = client.get("/en/toolkit/").context["share_url"]
    assert share_url.startswith("http://testserver/en/toolkit/?list=")
    other = Client()
    response = other.get(share_url.removeprefix("http://testserver"))
    assert response.context["shared"] is True
    assert [r.title for r in response.context["resources"]] == ["Second", "First"]
    assert "Keep these as my toolkit" in response.content.decode()
    other.post("/en/toolkit/keep/", {"list": share_url.split("list=")[1]})
    assert [r.title for r in other.get("/en/toolkit/").context["resources"]] == [
        "Second",
        "First",
    ]


def test_shared_list_hides_resources_unpublished_since(client):
    kept = ResourceFactory(title_en="Kept")
    gone = ResourceFactory(title_en="Gone")
    value = lists.sign([kept.pk, gone.pk])
    gone.status = Status.ARCHIVED
    gone.save()
    response = client.get(f"/en/toolkit/?list={value}")
    assert [r.title for r in response.context["resources"]] == ["Kept"]


def test_tampered_share_link_says_so(client):
    response = client.get("/en/toolkit/?list=1.2.3:forged")
    assert response.status_code == 200
    assert "This toolkit link is not valid" in response.content.decode()
    assert response.context["resources"] == []


def test_empty_toolkit_explains_what_to_do(client):
    html = client.get("/en/toolkit/").content.decode()
    assert "Your toolkit is empty." in html


def test_toolkit_query_count_is_constant(client, django_assert_num_queries):
    resources = [ResourceFactory() for _ in range(2)]
    value = lists.sign([r.pk for r in resources])
    # the resources with their types, their versions (prefetch); then, since adding
    # resources moved the content version: the version, the demo marker, the footer date
    with django_assert_num_queries(5):
        client.get(f"/en/toolkit/?list={value}")
    resources += [ResourceFactory(languages=["en", "es"]) for _ in range(10)]
    value = lists.sign([r.pk for r in resources])
    with django_assert_num_queries(5):
        response = client.get(f"/en/toolkit/?list={value}")
    assert len(response.context["resources"]) == 12


def test_cards_and_resource_pages_offer_the_button(client):
    resource = ResourceFactory(slug="plan", title_en="Plan")
    html = client.get("/en/resources/").content.decode()
    assert 'form="toolkit-form"' in html
    assert f'name="resource" value="{resource.pk}"' in html
    assert 'id="toolkit-form"' in html
    detail = client.get("/en/resources/plan/").content.decode()
    assert "Add to my toolkit" in detail
    add(client, resource)
    assert (
        "This resource is in your toolkit." in client.get("/en/resources/plan/").content.decode()
    )


def test_toolkit_page_is_in_the_sitemap(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/en/toolkit/" in xml
    assert "/es/toolkit/" in xml
