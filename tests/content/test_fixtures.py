"""The demo content of the library and the FAQ: complete, bilingual, safe and idempotent."""

import re
from urllib.parse import urlsplit

import markdown
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from faq.models import Category, Question
from medhome.text import ALLOWED_TAGS, render_markdown
from resources.models import Audience, Resource, ResourceType, ResourceVersion, Topic
from tests.conftest import for_the_module

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

FIXTURES = [
    str(settings.BASE_DIR / "fixtures" / name)
    for name in ("20_taxonomy.json", "30_resources.json", "35_faq.json")
]
MODELS = [
    "resources.ResourceType",
    "resources.Topic",
    "resources.Audience",
    "resources.Resource",
    "resources.ResourceVersion",
    "faq.Category",
    "faq.Question",
]
# The slugs other apps and templates rely on (see the helpers' brief).
TYPE_SLUGS = {
    "tool", "guide", "toolkit", "fact-sheet", "webinar", "video", "template", "policy-brief",
    "evidence", "newsletter", "presentation",
}  # fmt: skip
TOPIC_SLUGS = {
    "medical-home-basics", "family-centered-care", "care-coordination", "care-plans",
    "cultural-competency", "transitions", "screening", "quality-improvement", "payment-funding",
    "recognition", "community-services",
}  # fmt: skip
AUDIENCE_SLUGS = {
    "families", "youth", "clinicians", "practice-staff", "title-v", "public-health", "policy",
    "educators",
}  # fmt: skip
CATEGORY_SLUGS = {"model-of-care", "the-center", "tools-resources", "recognition", "for-families"}
SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_href(href: str) -> bool:
    """An absolute link with a safe scheme, or a path on this site (not //other.host)."""
    parts = urlsplit(href)
    if not parts.scheme and not parts.netloc:
        return href.startswith("/")
    return parts.scheme in SAFE_SCHEMES


TAG = re.compile(r"<\s*/?\s*([a-zA-Z0-9]+)([^>]*)>")
ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with for_the_module(django_db_blocker):
        call_command("loaddata", *FIXTURES, verbosity=0)
        yield


def row_counts():
    return {label: apps.get_model(label).objects.count() for label in MODELS}


def test_fixtures_hold_enough_published_content(demo):
    assert Resource.objects.published().count() >= 40
    questions = Question.objects.published()
    assert questions.count() >= 25
    assert questions.values("category").distinct().count() >= 5


def test_taxonomy_and_categories_have_exactly_the_agreed_slugs(demo):
    assert set(ResourceType.objects.values_list("slug", flat=True)) == TYPE_SLUGS
    assert set(Topic.objects.values_list("slug", flat=True)) == TOPIC_SLUGS
    assert set(Audience.objects.values_list("slug", flat=True)) == AUDIENCE_SLUGS
    assert set(Category.objects.values_list("slug", flat=True)) >= CATEGORY_SLUGS


def test_every_type_topic_and_audience_is_used_by_a_published_resource(demo):
    published = Resource.objects.published()
    for model, lookup in [
        (ResourceType, "resources__in"),
        (Topic, "resources__in"),
        (Audience, "resources__in"),
    ]:
        unused = model.objects.exclude(**{lookup: published}).values_list("slug", flat=True)
        assert list(unused) == [], f"{model.__name__} not used: {list(unused)}"


def test_resources_one_to_forty_are_published_and_the_last_three_are_not(demo):
    published = set(Resource.objects.published().values_list("pk", flat=True))
    assert set(range(1, 41)) <= published
    statuses = dict(Resource.objects.filter(pk__in=[42, 43, 44]).values_list("pk", "status"))
    assert statuses == {42: "draft", 43: "review", 44: "archived"}
    assert Question.objects.exclude(status="published").exists()
    assert not Question.objects.published().filter(slug__endswith="-draft").exists()


def test_enough_resources_have_a_spanish_version(demo):
    spanish = Resource.objects.published().filter(versions__language="es").distinct()
    assert spanish.count() >= 10
    # Only the languages we can write the demo files in: every download must be real.
    assert not ResourceVersion.objects.exclude(language__in=["en", "es"]).exists()


def test_every_resource_has_a_demo_file_and_no_outside_link(demo):
    # The downloads are small PDFs that load_demo writes into the media storage
    # (tests/content/test_demo_downloads.py follows every one of them).
    assert not Resource.objects.filter(versions__isnull=True).exists()
    for version in ResourceVersion.objects.all():
        assert version.url == "", version.url
        assert version.file.name.startswith("resources/demo/"), version.file.name
        assert version.file.name.endswith(f"-{version.language}.pdf")


def test_published_content_is_written_in_english_and_spanish(demo):
    for resource in Resource.objects.published():
        for field in ("title_en", "title_es", "summary_en", "summary_es", "body_en"):
            assert getattr(resource, field).strip(), f"{resource.slug}: {field} is empty"
        assert resource.title_es != resource.title_en or resource.state == "PR"
        assert resource.summary_es != resource.summary_en
    for question in Question.objects.published():
        for field in ("question_en", "question_es", "answer_en", "answer_es"):
            assert getattr(question, field).strip(), f"{question.slug}: {field} is empty"
        assert question.answer_es != question.answer_en
    for model in (ResourceType, Topic, Audience, Category):
        assert not model.objects.filter(name_es="").exists()
        assert not model.objects.filter(name_es__isnull=True).exists()
    assert Resource.objects.published().exclude(body_es="").count() >= 20


def test_question_anchors_are_english_kebab_case(demo):
    for slug in Question.objects.values_list("slug", flat=True):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def markdown_texts():
    for question in Question.objects.published():
        yield question.slug, question.answer_en
        yield question.slug, question.answer_es
    for resource in Resource.objects.published():
        yield resource.slug, resource.body_en
        yield resource.slug, resource.body_es or ""


def test_markdown_answers_and_bodies_render_with_nothing_unsafe(demo):
    for slug, text in markdown_texts():
        # No raw HTML in the source: everything comes from Markdown syntax.
        assert "<" not in text, slug
        raw = markdown.markdown(text, extensions=["tables", "sane_lists"])
        for href in re.findall(r'href="([^"]*)"', raw):
            assert safe_href(href), f"{slug}: {href}"
        html = str(render_markdown(text))
        for tag, attributes in TAG.findall(html):
            assert tag in ALLOWED_TAGS, f"{slug}: <{tag}>"
            for name, value in ATTRIBUTE.findall(attributes):
                assert name in {"href", "title", "rel", "scope"}, f"{slug}: {name}"
                if name == "href":
                    assert safe_href(value), f"{slug}: {value}"
        if text:
            assert html.startswith(("<p>", "<ul>", "<ol>")), slug


def test_related_links_point_at_published_content(demo):
    published_resources = set(Resource.objects.published().values_list("pk", flat=True))
    published_questions = set(Question.objects.published().values_list("pk", flat=True))
    linked = Question.objects.published().filter(related_resources__isnull=False).distinct()
    assert linked.count() >= 5
    for question in Question.objects.published().prefetch_related(
        "related_resources", "related_questions"
    ):
        assert {r.pk for r in question.related_resources.all()} <= published_resources
        assert {q.pk for q in question.related_questions.all()} <= published_questions


def test_every_row_passes_model_validation(demo):
    for label in MODELS:
        for obj in apps.get_model(label).objects.all():
            obj.full_clean()


def test_featured_and_state_specific_resources_exist(demo):
    published = Resource.objects.published()
    assert published.filter(featured=True).count() == 6
    assert published.exclude(state="").values("state").distinct().count() >= 5


def test_loading_the_fixtures_twice_adds_no_rows(demo):
    before = row_counts()
    m2m_before = (
        Resource.topics.through.objects.count(),
        Resource.audiences.through.objects.count(),
        Question.related_resources.through.objects.count(),
        Question.related_questions.through.objects.count(),
    )
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert row_counts() == before
    assert (
        Resource.topics.through.objects.count(),
        Resource.audiences.through.objects.count(),
        Question.related_resources.through.objects.count(),
        Question.related_questions.through.objects.count(),
    ) == m2m_before
