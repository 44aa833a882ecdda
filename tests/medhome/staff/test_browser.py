"""The admin works under the strict CSP; the public share form is accessible."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from medhome.models import Status
from medhome.staff.roles import sync_roles
from resources.models import Audience, Resource, Topic
from tests.conftest import current_code
from tests.medhome.staff.factories import (
    QuestionFactory,
    ResourceFactory,
    ResourceVersionFactory,
    SubmissionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(live_server, page):
    sync_roles()
    admin = User.objects.create_superuser("admin", "admin@example.org", "a-Long-password-9")
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("a-Long-password-9")
    page.get_by_label("Code").fill(current_code(admin))
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    return page


def test_the_admin_dashboard_and_forms_raise_no_csp_violations(
    live_server, signed_in, csp_violations
):
    page = signed_in
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    resource = ResourceFactory(status=Status.DRAFT, title_en="Care plan toolkit")
    resource.topics.add(Topic.objects.create(slug="care-plans", name_en="Care plans"))
    resource.audiences.add(Audience.objects.create(slug="families", name_en="Families"))
    version = ResourceVersionFactory(resource=resource)
    QuestionFactory(last_reviewed=None)
    submission = SubmissionFactory()
    version.last_status = 404
    version.save()
    page.goto(f"{live_server.url}{reverse('admin:index')}")
    expect(page.locator("#dashboard-review")).to_contain_text("Care plan toolkit")
    expect(page.locator("#dashboard-queues")).to_be_visible()
    assert csp_violations == []
    page.goto(f"{live_server.url}{reverse('admin:resources_resource_change', args=[resource.pk])}")
    preview = page.get_by_role("link", name="Preview on site")
    expect(preview).to_have_attribute("href", resource.get_absolute_url())
    # Both languages are on the form, each labelled (no tabs to find the Spanish one).
    expect(page.get_by_label("Title [es]")).to_be_visible()
    assert all(url.startswith(live_server.url) for url in requested)
    page.goto(f"{live_server.url}{resource.get_absolute_url()}")
    expect(page.get_by_role("note")).to_contain_text("only staff can see this page")
    page.go_back()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert csp_violations == []
    for url in (
        reverse("admin:resources_resource_changelist"),
        reverse("admin:resources_resource_history", args=[resource.pk]),
        reverse(
            "admin:resources_resource_simple_history",
            args=[resource.pk, resource.history.last().history_id],
        ),
        reverse("admin:resources_resource_import"),
        reverse("admin:resources_resourceversion_changelist") + "?link=broken",
        reverse("admin:resources_submission_change", args=[submission.pk]),
        reverse("admin:faq_question_changelist") + "?review=needed",
    ):
        page.goto(f"{live_server.url}{url}")
        expect(page.locator("#content")).to_be_visible()
        assert csp_violations == [], url
    assert [url for url in missing if "/static/" in url] == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_share_form_is_accessible_and_reports_errors(
    live_server, page, axe, csp_violations, lang
):
    page.goto(f"{live_server.url}/{lang}/resources/share/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    axe(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    axe(page)
    assert csp_violations == []


def test_a_csv_import_shows_each_rows_errors_then_imports_a_fixed_file(
    signed_in, live_server, csp_violations
):
    from tests.medhome.staff.factories import ResourceTypeFactory

    ResourceTypeFactory(slug="tool")
    Topic.objects.create(slug="care-plans", name_en="Care plans")
    Audience.objects.create(slug="families", name_en="Families")
    page = signed_in
    header = (
        "slug,status,publish_at,last_reviewed,title_en,title_es,summary_en,summary_es,body_en,"
        "body_es,resource_type,topics,audiences,organization,published_on,state,featured,links\n"
    )
    row = "plan,draft,,,Plan,,A plan,,'- a list,,tool,{topics},families,,2026-01-05,,false,\n"

    def upload(text):
        page.goto(f"{live_server.url}{reverse('admin:resources_resource_import')}")
        page.get_by_label("CSV file").set_input_files(
            {"name": "r.csv", "mimeType": "text/csv", "buffer": text.encode()}
        )
        page.get_by_role("button", name="Submit").click()

    upload(header + row.format(topics="care-plans|nope"))
    errors = page.locator("#csv-errors")
    expect(errors).to_contain_text("Unknown: nope.")  # in plain sight, not behind a hover
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    upload(header + row.format(topics="care-plans"))
    expect(page.locator("#csv-preview")).to_contain_text("create")
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".messagelist")).to_contain_text("1 new")
    assert Resource.objects.get(slug="plan").body_en == "- a list"
    assert csp_violations == []
