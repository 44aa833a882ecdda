"""Full-text search on PostgreSQL (medhome.search) and the site search page."""

import re

import pytest
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faq.models import Question
from medhome.models import Status
from medhome.search import clean_query, prepare, render_headline
from medhome.search_spelling import rebuild_vocabulary
from resources.models import Resource
from tests.faq.factories import QuestionFactory
from tests.resources.factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


def visible_text(html):
    """The page's text with tags (such as the <mark> around matches) removed."""
    return re.sub(r"<[^>]+>", "", html)


def found(query, lang="en"):
    with translation.override(lang):
        return [
            r.title for r in Resource.objects.published().search(query).order_by("-search_rank")
        ]


@postgres_only
def test_a_title_match_outranks_a_body_match():
    ResourceFactory(title_en="Working with schools", body_en="Notes on transition planning.")
    ResourceFactory(title_en="Transition planning", body_en="Growing up.")
    ResourceFactory(title_en="Fact sheet", summary_en="About transition.")
    assert found("transition") == ["Transition planning", "Fact sheet", "Working with schools"]


@postgres_only
def test_stemming_finds_other_forms_of_a_word():
    ResourceFactory(title_en="Coordinating care across settings")
    assert found("coordinated") == ["Coordinating care across settings"]


@postgres_only
def test_accents_are_ignored_both_ways():
    ResourceFactory(title_es="Coordinación de la atención", title_en="Care coordination")
    assert found("coordinacion", "es") == ["Coordinación de la atención"]
    assert found("atención", "es") == ["Coordinación de la atención"]
    ResourceFactory(title_en="Cafe conversations", title_es="Charlas")
    assert found("café") == ["Cafe conversations"]


@pytest.mark.smoke
def test_a_misspelt_word_is_corrected_against_the_vocabulary_then_searched():
    ResourceFactory(title_en="Care coordination toolkit")
    ResourceFactory(title_en="Payment and funding")
    rebuild_vocabulary()
    assert found("cordination") == ["Care coordination toolkit"]
    assert found("coordnation toolkit") == ["Care coordination toolkit"]
    query = prepare("coordnation toolkit")
    assert (query.text, query.original, query.corrected) == (
        "coordination toolkit",
        "coordnation toolkit",
        True,
    )
    # The visitor can insist on the words as typed.
    assert not prepare("cordination", correct=False).corrected


@postgres_only
def test_spanish_queries_use_spanish_stemming_on_spanish_text():
    ResourceFactory(title_en="Care plans", title_es="Planes de cuidado para familias")
    ResourceFactory(title_en="Transitions", title_es="Transiciones a la atención adulta")
    assert found("plan de cuidados", "es") == ["Planes de cuidado para familias"]
    assert found("familia", "es") == ["Planes de cuidado para familias"]
    # Spanish stop words alone match nothing rather than everything.
    assert found("de la", "es") == []


@postgres_only
def test_spanish_search_falls_back_to_english_text_without_a_translation():
    ResourceFactory(title_en="Screening toolkit", title_es="", summary_es="", body_es="")
    assert found("screening", "es") == ["Screening toolkit"]


@postgres_only
def test_headlines_mark_matches_and_escape_the_rest():
    ResourceFactory(
        title_en="Plans",
        summary_en="A care <script>alert(1)</script> plan for kids < 5 & more",
        body_en="",
    )
    with translation.override("en"):
        resource = Resource.objects.published().search("plan").get()
    html = render_headline(resource.search_headline)
    assert "<mark>plan</mark>" in html
    assert "<script>" not in html
    assert "&lt; 5" in html
    assert "&amp;" in html


def test_render_headline_closes_an_open_mark_and_drops_markdown():
    assert str(render_headline("\ue000care")) == "<mark>care</mark>"
    assert str(render_headline("**bold** [link](https://x.org)")) == "bold link"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  care\x00plan\t", "care plan"),
        ("a" * 500, "a" * 200),
        (None, ""),
        ("😀 tool", "😀 tool"),
    ],
)
def test_clean_query_strips_control_characters_and_cuts_long_input(raw, expected):
    assert clean_query(raw) == expected


@pytest.mark.smoke
def test_sqlite_and_postgres_both_find_a_plain_word():
    ResourceFactory(title_en="Medical home basics")
    ResourceFactory(title_en="Something else", body_en="nothing")
    assert found("basics") == ["Medical home basics"]


# The site search page -------------------------------------------------------------


@pytest.fixture
def content():
    topic = TopicFactory(slug="care-coordination")
    ResourceFactory(title_en="Care coordination toolkit", topics=[topic])
    ResourceFactory(title_en="Coordination webinar")
    ResourceFactory(title_en="Draft coordination", status=Status.DRAFT)
    QuestionFactory(question_en="What is care coordination?", slug="what-is-coordination")
    QuestionFactory(question_en="Draft coordination question?", status=Status.DRAFT)


@pytest.mark.smoke
def test_site_search_groups_results_with_counts_and_links_to_narrow(client, content):
    response = client.get("/en/search/?q=coordination")
    assert response.status_code == 200
    groups = {g.key: g for g in response.context["groups"]}
    assert groups["resources"].count == 2
    assert groups["faq"].count == 1
    html = response.content.decode()
    assert "/en/resources/?q=coordination" in html
    assert "/en/faq/?q=coordination" in html
    assert "/en/faq/questions/what-is-coordination/" in html
    assert 'aria-live="polite"' in html
    assert "3 results" in html


def test_site_search_never_shows_drafts(client, content):
    html = client.get("/en/search/?q=draft").content.decode()
    assert "Draft coordination" not in html
    assert "0 results" in html


def test_site_search_in_spanish_finds_spanish_text(client):
    ResourceFactory(title_es="Coordinación de la atención", title_en="Care coordination")
    QuestionFactory(question_es="¿Qué es la coordinación?", question_en="What is coordination?")
    response = client.get("/es/search/?q=coordinacion")
    assert response.context["total"] == 2
    html = visible_text(response.content.decode())
    assert "Coordinación de la atención" in html
    assert "2 resultados" in html


def test_site_search_without_a_query_shows_a_hint(client):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert response.context["groups"] == []


def test_site_search_says_when_it_shortened_a_long_query(client, content):
    html = client.get("/en/search/", {"q": "coordination " * 1000}).content.decode()
    assert "first 200 characters" in html


@pytest.mark.parametrize(
    "q", ["'", "%", "\\", "\x00", "x" * 10_000, "😀", "a & b | !c", "<b>", "(((", ":*"]
)
def test_site_search_handles_odd_queries(client, content, q):
    assert client.get("/en/search/", {"q": q}).status_code == 200


def test_site_search_query_count_is_constant(client, django_assert_num_queries):
    def add(n, offset):
        for i in range(n):
            ResourceFactory(title_en=f"Care plan {offset + i}", languages=["en", "es"])
            QuestionFactory(question_en=f"Care plan question {offset + i}?")

    add(2, 0)
    rebuild_vocabulary()
    # the words looked up in the spelling vocabulary; questions, resources, states,
    # mentors, newsletter issues and pages: the top hits with a window count of all
    # matches, one query each (6); the demo-notice marker and the footer's "last
    # updated" (context processor)
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(10):
        client.get("/en/search/?q=care+plan")
    add(20, 2)
    with django_assert_num_queries(10):
        response = client.get("/en/search/?q=care+plan")
    assert response.context["total"] == 44


# Random input never breaks a page ------------------------------------------------

odd_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300
) | st.sampled_from(["'", "%", "\\", "\x00", "😀" * 50, "a" * 5000, "&|!():*<>", "--", "\u202e"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=odd_text, topic=odd_text, year=odd_text)
def test_random_queries_never_give_a_server_error(client, q, topic, year):
    ResourceFactory.reset_sequence()
    response = client.get("/en/resources/", {"q": q, "topic": topic, "year": year, "sort": q})
    assert response.status_code == 200
    response = client.get("/es/search/", {"q": q})
    assert response.status_code == 200
    response = client.get("/en/faq/", {"q": q})
    assert response.status_code == 200


@postgres_only
@pytest.mark.parametrize("lang", ["en", "es"])
def test_search_can_use_the_gin_indexes_of_each_language(lang):
    ResourceFactory.create_batch(3)
    QuestionFactory.create_batch(3)
    with connection.cursor() as cursor:
        # GIN is read through bitmap scans only. Without plain index scans the planner
        # cannot walk another index (the newest-first one, which it prefers once earlier
        # tests' ANALYZE left statistics of a big table) and filter every row instead.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    with translation.override(lang):
        plans = [
            Resource.objects.search("coordination").explain(),
            Question.objects.search("coordination").order_by().explain(),
        ]
    # The stored vectors' indexes; no OR with a trigram match that forces a scan.
    assert f"resources_resource_search_{lang}_stored" in plans[0]
    assert f"faq_question_search_{lang}_stored" in plans[1]
    assert "trgm" not in plans[0] + plans[1]


@postgres_only
def test_stored_search_vectors_follow_every_kind_of_write():
    resource = ResourceFactory(title_en="Respite care guide", title_es="")
    Resource.objects.bulk_create(
        [Resource(**{**model_to_fields(resource), "slug": "bulk-one", "title_en": "Wraparound"})]
    )
    assert list(Resource.objects.search("respite").values_list("pk", flat=True)) == [resource.pk]
    assert Resource.objects.search("wraparound").count() == 1
    # An update through the queryset (no save()) still refreshes the vector.
    Resource.objects.filter(pk=resource.pk).update(title_en="Sibling support guide")
    assert not Resource.objects.search("respite").exists()
    assert Resource.objects.search("sibling").get() == resource
    # Spanish falls back to the English title while there is no Spanish one.
    with translation.override("es"):
        assert Resource.objects.search("sibling").get() == resource


def model_to_fields(obj):
    skip = {"id", "slug", "search_en", "search_es", "created_at", "updated_at"}
    return {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in skip
    }
