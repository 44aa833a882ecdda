"""The search interface behaves the same on both engines: PostgreSQL in the normal
suite, SQLite FTS5 in the smoke run (scripts/test.sh runs `-m smoke` on SQLite)."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from faq.models import Question
from medhome import search_views
from medhome.search import highlight, prepare, render_headline
from medhome.search_spelling import is_variant, rebuild_vocabulary, similarity
from resources.models import Resource
from tests.factories import PageFactory
from tests.faq.factories import QuestionFactory
from tests.newsletter.factories import IssueFactory, IssueSectionFactory
from tests.resources.factories import ResourceFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def titles(query, lang="en", model=Resource):
    with translation.override(lang):
        rows = model.objects.published().search(query)
        if model is Resource:
            rows = rows.order_by("-search_rank", "-published_on", "pk")
            return [r.title for r in rows]
        return [q.question for q in rows.order_by("-search_rank", "pk")]


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_accents_and_case_are_ignored_both_ways_in_both_languages():
    ResourceFactory(title_en="Care coordination", title_es="Coordinación de la atención")
    ResourceFactory(title_en="Payment", title_es="Pago")
    for query in ("coordinacion", "COORDINACIÓN", "Coordinación", "COORDINACION"):
        assert titles(query, "es") == ["Coordinación de la atención"], query
    assert titles("CARE coordination") == ["Care coordination"]


def test_spanish_plurals_and_accents_match_singular_text():
    ResourceFactory(title_es="Atención para niños", title_en="Care for children")
    assert titles("ninos", "es") == ["Atención para niños"]
    assert titles("niño", "es") == ["Atención para niños"]


def test_spanish_search_falls_back_to_english_text_without_a_translation():
    ResourceFactory(title_en="Respite care guide", title_es="", summary_es="", body_es="")
    assert titles("respite", "es") == ["Respite care guide"]


def test_a_title_match_outranks_a_summary_match_which_outranks_a_body_match():
    ResourceFactory(title_en="Working with schools", summary_en="x", body_en="About transition.")
    ResourceFactory(title_en="Transition planning", summary_en="x", body_en="x")
    ResourceFactory(title_en="Fact sheet", summary_en="About transition.", body_en="x")
    assert titles("transition") == ["Transition planning", "Fact sheet", "Working with schools"]


def test_an_exact_phrase_outranks_scattered_words():
    ResourceFactory(
        title_en="Plan your care",
        summary_en="Plan ahead for the care of your child.",
        body_en="",
        published_on=datetime.date(2026, 1, 1),
    )
    ResourceFactory(
        title_en="A care plan",
        summary_en="A care plan for your child.",
        body_en="",
        published_on=datetime.date(2020, 1, 1),
    )
    assert titles("care plan") == ["A care plan", "Plan your care"]


def test_the_date_only_breaks_ties():
    older = datetime.date(2019, 1, 1)
    newer = datetime.date(2025, 1, 1)
    ResourceFactory(title_en="Care plan", summary_en="x", body_en="x", published_on=older)
    ResourceFactory(title_en="Care plan", summary_en="x", body_en="x", published_on=newer)
    ResourceFactory(title_en="Other", summary_en="A care plan.", body_en="x", published_on=newer)
    ranked = Resource.objects.search("care plan").order_by("-search_rank", "-published_on")
    assert [r.published_on for r in ranked] == [newer, older, newer]
    assert ranked[2].title == "Other"


def test_excerpts_mark_the_matches_and_escape_the_rest():
    ResourceFactory(summary_en="A <b>care</b> plan & more", body_en="Nothing here.")
    (resource,) = Resource.objects.search("plan")
    html = render_headline(resource.search_headline)
    assert "<mark>plan</mark>" in html
    assert "<b>" not in html
    assert "&amp;" in html


def test_titles_are_highlighted_ignoring_accents_and_endings():
    assert highlight("Coordinación <de> la atención", "coordinacion") == (
        "<mark>Coordinación</mark> &lt;de&gt; la atención"
    )
    assert highlight("Care plans", "plan") == "Care <mark>plans</mark>"


def test_the_index_follows_inserts_updates_bulk_writes_and_deletes():
    resource = ResourceFactory(title_en="Respite care guide", title_es="")
    values = {
        f.attname: getattr(resource, f.attname)
        for f in Resource._meta.concrete_fields
        if f.attname not in {"id", "slug", "search_en", "search_es"}
    }
    Resource.objects.bulk_create(
        [Resource(**{**values, "slug": "bulk", "title_en": "Wraparound"})]
    )
    assert titles("wraparound") == ["Wraparound"]
    Resource.objects.filter(pk=resource.pk).update(title_en="Sibling support")
    assert titles("respite") == []
    assert titles("sibling") == ["Sibling support"]
    assert titles("sibling", "es") == ["Sibling support"]
    resource.delete()
    assert titles("sibling") == []


def test_the_rebuild_command_rebuilds_the_index_and_the_vocabulary():
    ResourceFactory(title_en="Coordination toolkit")
    call_command("rebuild_search_index", verbosity=0)
    assert titles("coordination") == ["Coordination toolkit"]
    assert prepare("cordination").text == "coordination"


# Misspellings -------------------------------------------------------------------


def test_similarity_follows_pg_trgm():
    assert similarity("cordination", "coordination") == pytest.approx(0.79, abs=0.01)
    assert is_variant("coordinated", "coordination")
    assert not is_variant("recogniton", "recognition")


def test_misspelt_words_are_corrected_in_both_languages():
    ResourceFactory(
        title_en="Care coordination toolkit",
        title_es="Herramientas de coordinación de la atención",
    )
    ResourceFactory(title_en="Moving to adult care: transition", title_es="Transición")
    rebuild_vocabulary()
    assert titles("cordination") == ["Care coordination toolkit"]
    assert titles("transtion") == ["Moving to adult care: transition"]
    with translation.override("es"):
        assert prepare("coordinasion").text == "coordinación"
    assert titles("coordinasion", "es") == ["Herramientas de coordinación de la atención"]
    # Known words and other forms of known words are left alone.
    assert not prepare("coordination toolkit").corrected
    assert not prepare("coordinated").corrected


def test_a_correction_is_looked_up_once_per_content_version():
    from django.test.utils import CaptureQueriesContext

    from medhome.cache import ContentVersionMiddleware

    ResourceFactory(title_en="Care coordination toolkit")
    rebuild_vocabulary()

    def corrected(text):
        with CaptureQueriesContext(connection) as captured:
            query = prepare(text)
        vocabulary = [q for q in captured.captured_queries if "searchterm" in q["sql"]]
        return query.text, len(vocabulary)

    def in_a_request(step):
        return ContentVersionMiddleware(lambda request: step())(None)

    text, lookups = in_a_request(lambda: corrected("cordination"))
    assert (text, lookups > 0) == ("coordination", True)
    assert in_a_request(lambda: corrected("cordination")) == ("coordination", 0)
    # A new vocabulary moves the version: the next correction looks again.
    ResourceFactory(title_en="Cordinaton, a made-up word")
    rebuild_vocabulary()
    text, lookups = in_a_request(lambda: corrected("cordinaton"))
    assert (text, lookups > 0) == ("cordinaton", True)


def test_the_page_says_what_it_searched_and_offers_the_words_as_typed(client):
    ResourceFactory(title_en="Care coordination toolkit", title_es="Coordinación")
    rebuild_vocabulary()
    for path in ("/en/search/", "/en/resources/", "/en/faq/"):
        html = client.get(path, {"q": "cordination"}).content.decode()
        assert "Showing results for" in text_of(html), path
        assert "exact=1" in html
        assert "search instead for" in text_of(html)
    html = client.get("/es/search/", {"q": "cordinacion"}).content.decode()
    assert "Mostrando resultados de coordinación" in text_of(html)
    html = client.get("/en/search/", {"q": "cordination", "exact": "1"}).content.decode()
    assert "Showing results for" not in html
    assert "0 results" in html


def test_a_query_of_known_words_is_not_corrected(client):
    ResourceFactory(title_en="Care coordination toolkit")
    rebuild_vocabulary()
    html = client.get("/en/search/", {"q": "coordination"}).content.decode()
    assert "Showing results for" not in html


# Site search --------------------------------------------------------------------


def test_site_search_covers_newsletter_issues_and_pages(client):
    issue = IssueFactory(title_en="Spring issue", intro_en="News.")
    IssueSectionFactory(issue=issue, heading_en="Huddles", text_en="Daily huddles help.")
    IssueFactory(title_en="Unsent huddles", sent_at=None)
    PageFactory(slug="about", title_en="About the center", body_en="We run huddles.")
    response = client.get("/en/search/", {"q": "huddles"})
    groups = {g.key: g for g in response.context["groups"]}
    assert groups["newsletter"].count == 1
    assert groups["newsletter"].hits[0].url == issue.get_absolute_url()
    assert groups["pages"].count == 1
    html = response.content.decode()
    assert "Newsletter issues" in html
    assert "<mark>huddles</mark>" in html


def test_site_search_notes_hits_shown_in_english(client):
    ResourceFactory(title_en="Respite care guide", title_es="", summary_es="", body_es="")
    html = client.get("/es/search/", {"q": "respite"}).content.decode()
    assert "Disponible solo en inglés" in html
    assert 'lang="en"' in html


def test_site_search_states_an_empty_result_plainly(client):
    html = text_of(client.get("/en/search/", {"q": "zzzqqq"}).content.decode())
    assert "Nothing on the site matches “zzzqqq”." in html
    html = text_of(client.get("/es/search/", {"q": "zzzqqq"}).content.decode())
    assert "Nada en el sitio coincide con «zzzqqq»." in html


def test_the_library_says_no_filter_matched_only_when_a_filter_was_chosen(client):
    ResourceFactory(title_en="Care plan")
    html = text_of(client.get("/es/resources/", {"q": "zzzqqq"}).content.decode())
    assert "Ningún recurso coincide con «zzzqqq»." in html
    assert "filtros" not in html.split("Ningún recurso")[1][:80]


# Suggestions --------------------------------------------------------------------


def test_suggestions_return_titles_starting_like_the_typed_words(client):
    ResourceFactory(title_en="Care coordination toolkit", title_es="Coordinación")
    QuestionFactory(question_en="What is care coordination?", slug="what-is")
    ResourceFactory(title_en="Payment", title_es="Pago")
    response = client.get("/en/search/suggest/", {"q": "care coord"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert {s["title"] for s in data["suggestions"]} == {
        "Care coordination toolkit",
        "What is care coordination?",
    }
    assert all(s["url"].startswith("/en/") for s in data["suggestions"])
    data = json.loads(client.get("/es/search/suggest/", {"q": "coordi"}).content)
    assert [s["title"] for s in data["suggestions"]] == ["Coordinación"]


def test_suggestions_are_cached_and_short_input_asks_nothing(client, monkeypatch):
    from medhome import search

    ResourceFactory(title_en="Care coordination toolkit")
    calls = []
    real = search.suggestions
    monkeypatch.setattr(search, "suggestions", lambda *a: calls.append(a) or real(*a))
    for _ in range(3):
        assert json.loads(client.get("/en/search/suggest/", {"q": "care"}).content)["suggestions"]
    assert json.loads(client.get("/en/search/suggest/", {"q": "c"}).content) == {
        "query": "c",
        "suggestions": [],
    }
    assert len(calls) == 1


def test_suggestions_are_rate_limited(client, monkeypatch):
    monkeypatch.setattr(search_views, "SUGGEST_RATE", "3/m")
    cache.clear()
    codes = [client.get("/en/search/suggest/", {"q": "care"}).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_search_boxes_offer_suggestions_without_inline_script(client):
    html = client.get("/en/search/", {"q": "care"}).content.decode()
    assert 'data-suggest="/en/search/suggest/"' in html
    assert "search-suggest" in html
    assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>", html) is None


def test_the_faq_search_ranks_the_question_that_says_it_first():
    QuestionFactory(question_en="How do I share a plan with the school?", answer_en="A care plan.")
    QuestionFactory(question_en="What is a care plan?", answer_en="A written plan.")
    QuestionFactory(question_en="Who pays for care?", answer_en="Plans and payers.")
    assert titles("care plan", model=Question)[0] == "What is a care plan?"


def test_the_engine_is_the_databases():
    from medhome.search_engines import POSTGRES, SQLITE, engine

    assert engine() is (POSTGRES if connection.vendor == "postgresql" else SQLITE)


# Mentor search --------------------------------------------------------------------


def test_the_mentor_list_ranks_highlights_and_corrects_its_search(client):
    from tests.mentorship.factories import MentorFactory, StateFactory

    MentorFactory(
        name="Hillside Pediatrics",
        summary_en="A practice whose families plan each transition to adult care.",
    )
    MentorFactory(name="Transition Partners", summary_en="A team that guides families.")
    vermont = StateFactory(code="VT")
    MentorFactory(name="Green Mountain Clinic", state=vermont, summary_en="Rural care.")
    rebuild_vocabulary()

    response = client.get("/en/mentors/", {"q": "transition"})
    # A name match outranks a summary match, and both are marked.
    assert [m.name for m in response.context["mentors"]] == [
        "Transition Partners",
        "Hillside Pediatrics",
    ]
    html = response.content.decode()
    assert "<mark>Transition</mark> Partners" in html
    assert "each <mark>transition</mark> to adult care" in html

    # A misspelt word is corrected, and the page says so.
    response = client.get("/en/mentors/", {"q": "transtion"})
    assert [m.name for m in response.context["mentors"]][0] == "Transition Partners"
    assert "Showing results for" in text_of(response.content.decode())
    exact = client.get("/en/mentors/", {"q": "transtion", "exact": "1"})
    assert list(exact.context["mentors"]) == []
    assert "No mentor matches “transtion”." in text_of(exact.content.decode())

    # A state's name finds its mentors, first.
    response = client.get("/en/mentors/", {"q": "vermont"})
    assert [m.name for m in response.context["mentors"]] == ["Green Mountain Clinic"]
    # The site search lists mentors best first too.
    response = client.get("/en/search/", {"q": "transition"})
    mentors = {g.key: g for g in response.context["groups"]}["mentors"]
    assert [strip(h.title) for h in mentors.hits] == ["Transition Partners", "Hillside Pediatrics"]


def strip(html) -> str:
    return re.sub(r"<[^>]+>", "", str(html))


# Topics -------------------------------------------------------------------------


def test_a_topic_only_match_outranks_a_body_only_match_in_both_languages():
    coordination = TopicFactory(
        slug="care-coordination",
        name_en="Care coordination",
        name_es="Coordinación de la atención",
    )
    other = TopicFactory(slug="schools", name_en="Schools", name_es="Escuelas")
    ResourceFactory(
        title_en="Working with schools",
        title_es="Trabajar con las escuelas",
        body_en="Care coordination is mentioned here.",
        body_es="Aquí se habla de la coordinación de la atención.",
        published_on=datetime.date(2026, 1, 1),
        topics=[other],
    )
    ResourceFactory(
        title_en="Fact sheet",
        title_es="Hoja informativa",
        published_on=datetime.date(2020, 1, 1),
        topics=[coordination, other],
    )
    assert titles("care coordination") == ["Fact sheet", "Working with schools"]
    assert titles("coordinacion de la atencion", "es") == [
        "Hoja informativa",
        "Trabajar con las escuelas",
    ]


def test_topic_names_follow_the_topics_of_a_resource_and_their_renaming():
    respite = TopicFactory(slug="respite", name_en="Respite", name_es="")
    resource = ResourceFactory(title_en="Fact sheet", title_es="", topics=[respite])
    assert titles("respite") == ["Fact sheet"]
    # Spanish falls back to the English name.
    assert titles("respite", "es") == ["Fact sheet"]
    respite.name_en, respite.name_es = "Family support", "Apoyo familiar"
    respite.save()
    assert titles("respite") == []
    assert titles("apoyo familiar", "es") == ["Fact sheet"]
    resource.topics.remove(respite)
    assert titles("family support") == []
    respite.resources.add(resource)  # from the topic's side
    assert titles("family support") == ["Fact sheet"]
    # A later save of the same instance does not write its old copy back.
    resource.summary_en = "Changed."
    resource.save()
    assert titles("family support") == ["Fact sheet"]
    respite.resources.clear()
    assert titles("family support") == []
    resource.topics.add(respite)
    respite.delete()
    assert titles("family support") == []


def test_the_rebuild_recomputes_topic_names():
    topic = TopicFactory(slug="transition", name_en="Transition")
    ResourceFactory(title_en="Fact sheet", title_es="", topics=[topic])
    Resource.objects.update(topic_terms_en="", topic_terms_es="")
    assert titles("transition") == []
    call_command("rebuild_search_index", verbosity=0)
    assert titles("transition") == ["Fact sheet"]
