"""The accessibility statement and the privacy notice: every deployment has them."""

import pytest
from django.conf import settings
from django.core.management import call_command

from medhome.models import Page
from medhome.pages import create_missing_pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _statement_pages():
    # Browser tests (transactional) empty the tables the migration filled.
    create_missing_pages(Page)


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("lang", "slug", "title"),
    [
        ("en", "accessibility", "Accessibility statement"),
        ("es", "accessibility", "Declaración de accesibilidad"),
        ("en", "privacy", "Privacy notice"),
        ("es", "privacy", "Aviso de privacidad"),
    ],
)
def test_statement_pages_exist_after_migrating_in_both_languages(client, lang, slug, title):
    response = client.get(f"/{lang}/{slug}/")
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_footer_links_the_statement_pages_on_every_page(client):
    html = client.get("/es/").content.decode()
    assert 'href="/es/accessibility/">Accesibilidad</a>' in html
    assert 'href="/es/privacy/">Privacidad</a>' in html


def test_staff_edits_survive_and_demo_content_does_not_clash_with_them():
    Page.objects.filter(slug="privacy").update(title_en="Our privacy notice")
    fixture = str(settings.BASE_DIR / "fixtures" / "10_pages.json")
    call_command("loaddata", fixture, verbosity=0)
    call_command("loaddata", fixture, verbosity=0)
    slugs = sorted(Page.objects.values_list("slug", flat=True))
    assert slugs == ["about", "accessibility", "contact", "privacy"]
    assert Page.objects.get(slug="privacy").title_en == "Our privacy notice"


def test_statement_pages_are_in_the_sitemap_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    for slug in ("accessibility", "privacy"):
        assert f"/en/{slug}/" in xml
        assert f"/es/{slug}/" in xml
