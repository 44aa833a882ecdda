import pytest

from medhome.models import Page
from medhome.pages import create_missing_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_statement_pages_have_no_axe_violations(live_server, page, axe, lang):
    create_missing_pages(Page)
    for slug in ("accessibility", "privacy"):
        response = page.goto(f"{live_server.url}/{lang}/{slug}/")
        assert response is not None
        assert response.status == 200
        title = Page.objects.get(slug=slug).title_es if lang == "es" else None
        heading = page.get_by_role("heading", level=1)
        assert heading.count() == 1
        if title:
            assert heading.inner_text().strip() == title
        axe(page)  # fails the test on any WCAG 2.0/2.1 A or AA violation
