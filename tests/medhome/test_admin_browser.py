import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.conftest import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_edit_both_languages_side_by_side_without_csp_violations(
    live_server, page, csp_violations
):
    boss = get_user_model().objects.create_superuser(
        "boss", "boss@example.org", "a-long-passphrase-1"
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("a-long-passphrase-1")
    page.get_by_label("Code").fill(current_code(boss))
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/medhome/page/add/")
    # Both languages are shown, each field with its own label (no tab widget).
    expect(page.get_by_label("Title [en]")).to_be_visible()
    expect(page.get_by_label("Title [es]")).to_be_visible()
    expect(page.get_by_role("tab")).to_have_count(0)
    assert csp_violations == []
