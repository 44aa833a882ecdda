import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faq.models import Question
from medhome import httpcache
from medhome.models import PageFeedback as Feedback
from medhome.models import Status
from tests.faq.factories import CategoryFactory, QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def faq():
    model = CategoryFactory(slug="model-of-care", name_en="The model of care", order=1)
    families = CategoryFactory(slug="for-families", name_en="For families", order=2)
    plan = ResourceFactory(title_en="Care plan template")
    what = QuestionFactory(
        category=model,
        slug="what-is-a-medical-home",
        question_en="What is a medical home?",
        order=1,
    )
    who = QuestionFactory(
        category=model,
        slug="who-benefits",
        question_en="Who benefits?",
        order=2,
        related_questions=[what],
        related_resources=[plan],
    )
    ask = QuestionFactory(
        category=families, slug="what-to-ask", question_en="What should I ask my doctor?", order=1
    )
    return {"what": what, "who": who, "ask": ask, "plan": plan}


@pytest.mark.smoke
def test_faq_page_groups_questions_by_category_in_staff_order(client, faq):
    response = client.get("/en/faq/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("The model of care") < html.index("For families")
    assert html.index("What is a medical home?") < html.index("Who benefits?")
    assert html.index("Who benefits?") < html.index("What should I ask my doctor?")


def test_the_index_links_each_question_to_its_own_page_under_its_old_anchor(client, faq):
    html = client.get("/en/faq/").content.decode()
    for slug in ("what-is-a-medical-home", "who-benefits", "what-to-ask"):
        assert f'<li id="{slug}"><a href="/en/faq/questions/{slug}/">' in html
    # The answers are on the questions' pages, not on the index.
    assert "An answer with a link" not in html
    assert faq["what"].get_absolute_url() == "/en/faq/questions/what-is-a-medical-home/"
    # A link to an answer the index does not list (/faq/#slug) is sent on by library.js.
    assert 'data-faq-questions="/en/faq/questions/"' in html


def test_a_question_has_its_own_page_with_its_answer(client, faq):
    response = client.get("/en/faq/questions/who-benefits/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Who benefits?</h1>" in html
    assert '<article class="qa" id="who-benefits"' in html
    assert "An answer with a link" in html
    assert 'href="/en/faq/model-of-care/"' in html  # its topic, in the breadcrumbs and below
    assert client.get("/es/faq/questions/who-benefits/").status_code == 200


def test_a_draft_or_unknown_question_has_no_page(client, faq):
    draft = QuestionFactory(status=Status.DRAFT)
    assert client.get(f"/en/faq/questions/{draft.slug}/").status_code == 404
    assert client.get("/en/faq/questions/no-such-question/").status_code == 404


def test_the_index_shows_the_first_questions_of_a_large_topic_and_links_the_rest(client, faq):
    from faq.views import INDEX_PER_CATEGORY

    for n in range(INDEX_PER_CATEGORY + 3):
        QuestionFactory(
            category=faq["ask"].category, question_en=f"Family question {n}?", order=10 + n
        )
    html = client.get("/en/faq/").content.decode()
    assert "Family question 0?" in html
    assert f"Family question {INDEX_PER_CATEGORY - 2}?" in html
    assert f"Family question {INDEX_PER_CATEGORY - 1}?" not in html  # what-to-ask is first
    assert f"All {INDEX_PER_CATEGORY + 4} questions about For families" in html
    page = client.get("/en/faq/for-families/")
    assert len(page.context["questions"]) == INDEX_PER_CATEGORY + 4


def test_a_category_is_listed_a_page_at_a_time(client, faq):
    from faq.views import PAGE_SIZE

    for n in range(PAGE_SIZE + 1):
        QuestionFactory(category=faq["ask"].category, order=10 + n)
    first = client.get("/en/faq/for-families/")
    assert len(first.context["questions"]) == PAGE_SIZE
    second = client.get("/en/faq/for-families/?page=2")
    assert len(second.context["questions"]) == 2
    assert client.get("/en/faq/for-families/?page=x").status_code == 200


def test_answers_are_rendered_markdown_without_scripts(client, faq):
    faq[
        "what"
    ].answer_en = (
        "See [the guide](https://example.org). <script>alert(1)</script> [x](javascript:alert(1))"
    )
    faq["what"].save()
    html = client.get("/en/faq/questions/what-is-a-medical-home/").content.decode()
    assert '<a href="https://example.org" rel="noopener noreferrer">the guide</a>' in html
    assert "<script>alert" not in html
    assert "javascript:" not in html


def test_related_questions_and_resources_are_linked(client, faq):
    html = client.get("/en/faq/questions/who-benefits/").content.decode()
    assert 'href="/en/faq/questions/what-is-a-medical-home/"' in html
    assert f'href="{faq["plan"].get_absolute_url()}"' in html


def test_json_ld_is_valid_and_describes_the_question_on_its_page(client, faq):
    data = json_ld(client.get("/en/faq/questions/what-is-a-medical-home/").content.decode())
    assert data["@type"] == "FAQPage"
    names = [entry["name"] for entry in data["mainEntity"]]
    assert names == ["What is a medical home?"]
    assert data["mainEntity"][0]["acceptedAnswer"]["text"].startswith("An answer with a link")
    # Lists carry no answers, so no structured data either.
    assert "application/ld+json" not in client.get("/en/faq/").content.decode()


def test_json_ld_cannot_break_out_of_its_script(client, faq):
    faq["what"].question_en = "</script><script>alert(1)</script> & more?"
    faq["what"].save()
    html = client.get("/en/faq/questions/what-is-a-medical-home/").content.decode()
    assert "</script><script>alert(1)" not in html
    data = json_ld(html)
    assert data["mainEntity"][0]["name"] == "</script><script>alert(1)</script> & more?"


def test_json_ld_in_spanish(client, faq):
    data = json_ld(client.get("/es/faq/questions/what-is-a-medical-home/").content.decode())
    assert data["mainEntity"][0]["name"].startswith("¿Pregunta")


def test_category_page_lists_only_its_questions(client, faq):
    response = client.get("/en/faq/for-families/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What should I ask my doctor?" in html
    assert "Who benefits?" not in html


def test_unknown_category_is_not_found(client):
    assert client.get("/en/faq/no-such-category/").status_code == 404


def test_search_within_faqs(client, faq):
    response = client.get("/en/faq/?q=doctor")
    html = response.content.decode()
    assert [q.question for q in response.context["questions"]] == ["What should I ask my doctor?"]
    assert "1 question matches" in html
    assert "application/ld+json" not in html


def test_search_with_no_match_points_to_the_site_search(client, faq):
    html = client.get("/en/faq/?q=zebra").content.decode()
    assert "No questions match your search." in html
    assert "/en/search/?q=zebra" in html


@pytest.mark.parametrize("q", ["'", "%", "\\", "\x00", "x" * 10_000, "😀", "<script>"])
def test_odd_faq_searches_give_a_normal_page(client, faq, q):
    response = client.get("/en/faq/", {"q": q})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


class TestDraftsNeverLeak:
    @pytest.fixture
    def draft(self, faq):
        hidden_resource = ResourceFactory(title_en="Hidden resource", status=Status.DRAFT)
        draft = QuestionFactory(question_en="Hidden draft question?", status=Status.DRAFT)
        faq["who"].related_questions.add(draft)
        faq["who"].related_resources.add(hidden_resource)
        return draft

    def test_not_on_the_page_related_lists_or_json_ld(self, client, draft):
        html = client.get("/en/faq/").content.decode()
        assert "Hidden draft question?" not in html
        assert "Hidden resource" not in html

    def test_not_found_by_search(self, client, draft):
        html = client.get("/en/faq/?q=hidden").content.decode()
        assert "Hidden draft question?" not in html

    def test_cannot_receive_feedback(self, client, draft):
        assert (
            client.post(
                f"/en/faq/questions/{draft.slug}/feedback/", {"helpful": "yes"}
            ).status_code
            == 404
        )


def test_feedback_is_counted_and_the_visitor_returns_to_the_question(client, faq):
    response = client.post("/en/faq/questions/who-benefits/feedback/", {"helpful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == "/en/faq/questions/who-benefits/"
    client.post("/en/faq/questions/what-to-ask/feedback/", {"helpful": "no"})
    assert Feedback.objects.filter(page="/faq/#who-benefits", helpful=True).count() == 1
    assert Feedback.objects.filter(page="/faq/#what-to-ask", helpful=False).count() == 1
    assert Feedback.objects.get(page="/faq/#who-benefits").title == "Who benefits?"


def test_feedback_works_without_javascript_through_a_plain_form(client, faq):
    html = client.get("/en/faq/questions/who-benefits/").content.decode()
    assert 'action="/en/faq/questions/who-benefits/feedback/"' in html
    assert 'name="helpful" value="yes"' in html
    # No per-visitor token (medhome.feedback.same_site_post): the page stays cacheable.
    assert "csrfmiddlewaretoken" not in html


def test_feedback_counts_once_per_visitor_and_question(client, faq):
    for _ in range(3):
        client.post("/en/faq/questions/who-benefits/feedback/", {"helpful": "yes"})
    assert Feedback.objects.count() == 1


def test_feedback_shows_a_thank_you(client, faq):
    response = client.post(
        "/en/faq/questions/who-benefits/feedback/", {"helpful": "yes"}, follow=True
    )
    assert "Thank you" in response.content.decode()


@pytest.mark.parametrize("data", [{}, {"helpful": "maybe"}, {"helpful": "\x00"}])
def test_feedback_with_a_bad_answer_is_refused(client, faq, data):
    assert client.post("/en/faq/questions/who-benefits/feedback/", data).status_code == 400
    assert Feedback.objects.count() == 0


def test_feedback_needs_post(client, faq):
    assert client.get("/en/faq/questions/who-benefits/feedback/").status_code == 405


def test_staff_see_feedback_counts_in_the_admin(admin_client, faq):
    client_post = admin_client.post
    client_post("/en/faq/questions/who-benefits/feedback/", {"helpful": "yes"})
    response = admin_client.get("/admin/faq/question/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "column-helpful_yes" in html
    assert '<td class="field-helpful_yes">1</td>' in html


def warm_queries(client, path) -> int:
    client.get(path)  # computes what the page caches under the content version
    httpcache.pages.clear()  # the page store would answer: count the render
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/faq/", 3),
        ("/en/faq/model-of-care/", 4),
        # The count and the spelling check are kept under the content version: the
        # version and the page of results.
        ("/en/faq/?q=medical", 2),
        ("/en/faq/questions/who-benefits/", 4),
    ],
)
def test_faq_pages_query_count_is_constant(client, faq, path, expected):
    small = warm_queries(client, path)
    for n in range(30):
        QuestionFactory(
            category=faq["what"].category if n % 2 else CategoryFactory(slug=f"extra-{n % 3}"),
            related_questions=[faq["what"]],
            related_resources=[ResourceFactory()],
        )
    faq["who"].related_questions.add(*Question.objects.all()[:10])
    assert (small, warm_queries(client, path)) == (expected, expected)


def test_faq_sitemap_lists_the_page_and_categories_with_published_questions(client, faq):
    from faq.sitemaps import FaqSitemap

    CategoryFactory(slug="empty-category")
    locations = [FaqSitemap().location(item) for item in FaqSitemap().items()]
    assert locations == [
        "/en/faq/",
        "/en/faq/model-of-care/",
        "/en/faq/for-families/",
        "/en/faq/questions/what-is-a-medical-home/",
        "/en/faq/questions/who-benefits/",
        "/en/faq/questions/what-to-ask/",
    ]


def test_resource_sitemaps_list_published_resources_and_pages(client):
    from medhome.audiences import AudienceSitemap
    from resources.sitemaps import ResourcePagesSitemap, ResourceSitemap

    public = ResourceFactory()
    ResourceFactory(status=Status.DRAFT)
    assert list(ResourceSitemap().items()) == [public]
    pages = [
        sitemap.location(item)
        for sitemap in (ResourcePagesSitemap(), AudienceSitemap())
        for item in sitemap.items()
    ]
    assert pages == [
        "/en/resources/",
        "/en/resources/for/families/",
        "/en/resources/for/clinicians/",
        "/en/resources/for/states/",
    ]


def test_categories_with_the_same_order_keep_their_questions_together(client):
    first = CategoryFactory(slug="aaa", name_en="First category", order=1)
    second = CategoryFactory(slug="bbb", name_en="Second category", order=1)
    QuestionFactory(category=first, question_en="First one?", order=1)
    QuestionFactory(category=second, question_en="Second one?", order=2)
    QuestionFactory(category=first, question_en="First two?", order=3)
    html = client.get("/en/faq/").content.decode()
    assert html.count('class="faq-category"') == 2
    assert html.index("First one?") < html.index("First two?") < html.index("Second one?")


def test_the_cached_search_count_follows_a_newly_published_question(client, faq):
    """The FAQ search's count is kept under the content version: publishing a
    matching question moves the version, so the next search counts it."""
    before = client.get("/en/faq/?q=zebra").context["page_obj"].paginator.count
    QuestionFactory(category=faq["what"].category, question_en="Zebra crossings near clinics?")
    after = client.get("/en/faq/?q=zebra").context["page_obj"].paginator.count
    assert (before, after) == (0, 1)
