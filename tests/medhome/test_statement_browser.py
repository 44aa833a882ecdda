import pytest

from medhome.models import Page
from medhome.pages import create_missing_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_statement_pages_have_no_axe_violations(live_server, page, axe, lang):
    create_missing_pages(Page)
    for slug in ("accessibility", "privacy"):
        page.goto(f"{live_server.url}/{lang}/{slug}/")
        axe(page)
