"""What staff meet every day in the admin, seen at 1280 px: the request queue fits,
slugs fill in while typing, resources are chosen by title, the newsletter preview
fits and shows both languages."""

import os

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import current_code
from tests.mentorship.factories import IntroductionRequestFactory
from tests.newsletter.factories import IssueFactory, IssueSectionFactory
from tests.resources.factories import ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set ADMIN_SHOTS to a folder to keep screenshots of the pages checked.
SHOTS = os.environ.get("ADMIN_SHOTS")


def shoot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def staff_page(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    boss = User.objects.create_superuser("boss", "boss@example.org", "a-long-passphrase-1")
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.locator("#id_username").fill("boss")
    page.locator("#id_password").fill("a-long-passphrase-1")
    page.locator("#id_otp_token").fill(current_code(boss))
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()
    return page


def fits_the_window(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_introduction_queue_fits_1280_px(live_server, staff_page):
    page = staff_page
    for n in range(3):
        IntroductionRequestFactory(
            name=f"Dr. Alexandra Montgomery-Villanueva {n}",
            organization="Northern Rockies Pediatric Associates and Family Clinic",
        )
    page.goto(f"{live_server.url}{reverse('admin:mentorship_introductionrequest_changelist')}")
    shoot(page, "queue-1280")
    assert fits_the_window(page)
    # The list scrolls inside its own box when too wide: it must not need to.
    results = page.locator("#changelist-form .results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")
    right = results.bounding_box()["x"] + results.bounding_box()["width"]
    for selector in ("#id_form-0-queue_status", "#id_form-0-assignee"):
        box = page.locator(selector).bounding_box()
        assert box["x"] + box["width"] <= right, selector
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert not any("YOUR NAME" in h.upper() for h in headers), headers


def test_faq_anchors_and_issue_slugs_fill_in_while_typing(live_server, staff_page):
    page = staff_page
    page.goto(f"{live_server.url}{reverse('admin:faq_question_add')}")
    page.locator("#id_question_en").press_sequentially("How do we start a care plan?")
    expect(page.locator("#id_slug")).to_have_value("how-do-we-start-a-care-plan")
    page.goto(f"{live_server.url}{reverse('admin:newsletter_issue_add')}")
    page.locator("#id_title_en").press_sequentially("Transitions in spring")
    expect(page.locator("#id_slug")).to_have_value("transitions-in-spring")


def test_a_newsletter_section_chooses_its_resource_by_title(live_server, staff_page):
    page = staff_page
    resource = ResourceFactory(title_en="Transition readiness checklist")
    issue = IssueFactory(sent_at=None)
    page.goto(f"{live_server.url}{reverse('admin:newsletter_issue_change', args=[issue.pk])}")
    combobox = page.locator("#id_sections-0-resource + .select2-container .select2-selection")
    expect(combobox).to_have_attribute("aria-label", "Resource")
    combobox.click()
    page.locator(".select2-search__field").last.fill("readiness")
    page.get_by_role("option", name="Transition readiness checklist").click()
    expect(page.locator("#id_sections-0-resource")).to_have_value(str(resource.pk))


def test_the_issue_preview_fits_and_shows_both_languages(live_server, staff_page):
    page = staff_page
    issue = IssueFactory(title_en="Care plans that travel", title_es="Planes que viajan")
    IssueSectionFactory(issue=issue, url="https://example.org/" + "a-very-long-path/" * 20)
    page.goto(f"{live_server.url}{reverse('admin:newsletter_issue_preview', args=[issue.pk])}")
    assert fits_the_window(page)
    frames = page.locator("iframe.email-preview")
    expect(frames).to_have_count(2)
    for index, title in ((0, "Care plans that travel"), (1, "Planes que viajan")):
        frame = frames.nth(index)
        box = frame.bounding_box()
        assert box["x"] + box["width"] <= 1280
        expect(frame.content_frame.locator("h1")).to_have_text(title)
        frame.scroll_into_view_if_needed()
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/preview-1280-{index}.png")
