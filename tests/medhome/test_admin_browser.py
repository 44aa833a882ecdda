import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.conftest import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_edit_both_languages_in_tabs_without_csp_violations(
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
    # modeltranslation's tabs are built by jQuery UI, served from our own static files.
    expect(page.locator(".ui-tabs-nav").first).to_be_visible()
    expect(page.locator("#id_title_es")).to_be_hidden()
    page.get_by_role("tab", name="ES").first.click()
    expect(page.locator("#id_title_es")).to_be_visible()
    assert csp_violations == []
