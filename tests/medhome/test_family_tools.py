"""Family tools: the care-plan starter and the provider checklist. Nothing a parent types
can reach the server: no form, no named field."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import resolve
from django.utils import translation

pytestmark = pytest.mark.django_db

PAGES = {
    "care-plan": {"en": "Care plan starter", "es": "Plan de atención para empezar"},
    "choosing-a-provider": {
        "en": "Questions to ask when choosing a primary care provider",
        "es": "Preguntas para elegir un proveedor de atención primaria",
    },
}


def tool_block(html: str) -> str:
    start = html.index('<div class="family-tool">')
    # Up to the print section, which holds links only.
    return html[start : html.index('<section class="tool-print')]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("slug", PAGES)
def test_tool_pages_answer_in_both_languages(client, slug, lang):
    response = client.get(f"/{lang}/families/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{PAGES[slug][lang]}</h1>" in html
    assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize("slug", PAGES)
def test_nothing_typed_can_be_sent_to_the_server(client, slug):
    block = tool_block(client.get(f"/en/families/{slug}/").content.decode())
    fields = re.findall(r"<(?:input|textarea|select)\b[^>]*>", block)
    assert len(fields) > 5
    # No form to submit, and no field with a name a form could send.
    assert "<form" not in block
    assert not [field for field in fields if " name=" in field]
    # Every field has its own label.
    for field_id in re.findall(r'<(?:input|textarea)\b[^>]*\bid="([^"]+)"', block):
        assert f'<label for="{field_id}">' in block, field_id


def test_care_plan_has_every_part_a_parent_fills_in(client):
    block = tool_block(client.get("/en/families/care-plan/").content.decode())
    for part in ["About your child", "Health conditions", "Medicines",
                 "Care team and contacts", "Goals", "Questions for the next visit"]:  # fmt: skip
        assert f">{part}</h2>" in block
    assert block.count('class="row-group"') == 12  # six medicines, six people
    assert 'id="cp-team-1-phone" type="tel"' in block


def test_checklist_lists_the_questions_in_spanish(client):
    block = tool_block(client.get("/es/families/choosing-a-provider/").content.decode())
    assert block.count('type="checkbox"') == 14
    assert "¿Atiende tanto los chequeos como las visitas por enfermedad?" in block


def test_query_strings_are_ignored_not_reflected(client):
    response = client.get("/en/families/care-plan/", {"cp-name": "<script>x</script>", "n": "9"})
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()
    assert client.post("/en/families/care-plan/", {"cp-name": "Ana"}).status_code == 405


def test_families_page_links_the_tools_and_other_audiences_do_not(client):
    html = client.get("/en/resources/for/families/").content.decode()
    assert 'href="/en/families/care-plan/"' in html
    assert 'href="/en/families/choosing-a-provider/"' in html
    html = client.get("/es/resources/for/families/").content.decode()
    assert "Herramientas para llenar e imprimir" in html
    assert 'href="/es/families/care-plan/"' in html
    html = client.get("/en/resources/for/clinicians/").content.decode()
    assert "/families/care-plan/" not in html


def test_both_tools_are_in_the_sitemap_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    for lang in ("en", "es"):
        for slug in PAGES:
            assert f"/{lang}/families/{slug}/</loc>" in xml


def test_demo_faq_answers_about_care_plans_and_finding_a_doctor_link_the_tools():
    fixture = json.loads((Path(settings.BASE_DIR) / "fixtures" / "35_faq.json").read_text())
    answers = {o["fields"]["slug"]: o["fields"] for o in fixture if o["model"] == "faq.question"}
    links = {
        "what-is-a-care-plan": "families/care-plan/",
        "how-parents-can-build-a-medical-home": "families/choosing-a-provider/",
        "where-can-i-find-a-medical-home": "families/choosing-a-provider/",
    }
    for slug, target in links.items():
        for lang in ("en", "es"):
            found = re.findall(r"\]\((/[^)]+)\)", answers[slug][f"answer_{lang}"])
            assert f"/{lang}/{target}" in found, (slug, lang)
            with translation.override(lang):
                resolve(f"/{lang}/{target}")


def test_tool_pages_query_count_is_constant(client, django_assert_max_num_queries):
    # The pages store nothing: once the demo marker and the footer's "last updated"
    # date are cached under the content version, a page costs the version's read.
    for path in ("/en/families/care-plan/", "/es/families/choosing-a-provider/"):
        assert client.get(path).status_code == 200
        with django_assert_max_num_queries(1):
            client.get(path)
