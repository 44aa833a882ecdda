"""The audience landing pages (/resources/for/<audience>/, medhome.audiences)."""

import pytest

from medhome.models import Status
from tests.faq.factories import CategoryFactory, QuestionFactory
from tests.resources.factories import AudienceFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("slug", "audiences"),
    [("families", ["families", "youth"]), ("clinicians", ["clinicians", "practice-staff"]),
     ("states", ["title-v", "public-health", "policy"])],
)  # fmt: skip
def test_landing_pages_gather_their_audiences(client, slug, audiences):
    mine = [
        ResourceFactory(title_en=f"For {a}", audiences=[AudienceFactory(slug=a)])
        for a in audiences
    ]
    ResourceFactory(title_en="For educators", audiences=[AudienceFactory(slug="educators")])
    response = client.get(f"/en/resources/for/{slug}/")
    assert response.status_code == 200
    assert {r.title for r in response.context["resources"]} == {r.title for r in mine}
    assert response.context["resource_count"] == len(audiences)
    for audience in audiences:
        assert f"audience={audience}" in response.context["all_url"]


def test_landing_page_lists_faqs_for_the_audience(client):
    families = AudienceFactory(slug="families")
    QuestionFactory(question_en="Tagged for families?", audiences=[families])
    QuestionFactory(
        question_en="In the families category?", category=CategoryFactory(slug="for-families")
    )
    QuestionFactory(question_en="About the center?", category=CategoryFactory(slug="the-center"))
    QuestionFactory(question_en="A draft for families?", audiences=[families], status=Status.DRAFT)
    html = client.get("/en/resources/for/families/").content.decode()
    assert "Tagged for families?" in html
    assert "In the families category?" in html
    assert "About the center?" not in html
    assert "A draft for families?" not in html


def test_unknown_landing_page_is_not_found(client):
    assert client.get("/en/resources/for/robots/").status_code == 404


def test_landing_page_query_count_is_constant(client, django_assert_num_queries):
    families = AudienceFactory(slug="families")
    ResourceFactory(audiences=[families])
    QuestionFactory(audiences=[families])
    # resources with type; versions; count; questions with category; demo marker
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(6):
        client.get("/en/resources/for/families/")
    ResourceFactory.create_batch(20, audiences=[families], languages=["en", "es"])
    QuestionFactory.create_batch(10, audiences=[families])
    with django_assert_num_queries(6):
        client.get("/en/resources/for/families/")
