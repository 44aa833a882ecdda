import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from newsletter import tokens
from newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.factories import IssueSectionFactory, SubscriberFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_sign_up_form_and_archive_have_no_axe_violations(
    live_server, page, axe, csp_violations, lang
):
    TopicFactory.create_batch(3)
    IssueSectionFactory.create_batch(3)
    page.goto(f"{live_server.url}/{lang}/newsletter/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    axe(page)
    assert csp_violations == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_sign_up_with_errors_has_no_axe_violations(live_server, page, axe, lang):
    page.goto(f"{live_server.url}/{lang}/newsletter/")
    page.locator("#id_email").fill("not an address")
    page.locator("form[action$='/newsletter/'] button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    axe(page)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_confirm_page_has_no_axe_violations_and_its_button_confirms(
    live_server, page, axe, csp_violations, lang
):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    with translation.override(lang):
        path = reverse("newsletter:confirm", args=[tokens.make(subscriber, tokens.CONFIRM)])
    page.goto(f"{live_server.url}{path}")
    axe(page)
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You are subscribed" if lang == "en" else "Ya está suscrito"
    )
    axe(page)
    assert csp_violations == []
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


def test_a_visitor_signs_up_with_the_keyboard(live_server, page):
    page.goto(f"{live_server.url}/en/newsletter/")
    page.get_by_label("Email address").fill("keys@example.org")
    page.get_by_label("Spanish").check()
    page.get_by_role("button", name="Subscribe").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert Subscriber.objects.get().language == "es"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_unsubscribe_and_preferences_pages_have_no_axe_violations(
    live_server, page, axe, lang
):
    subscriber = SubscriberFactory()
    TopicFactory.create_batch(2)
    with translation.override(lang):
        unsubscribe = reverse(
            "newsletter:unsubscribe", args=[tokens.make(subscriber, "unsubscribe")]
        )
        preferences = reverse(
            "newsletter:preferences", args=[tokens.make(subscriber, "preferences")]
        )
    page.goto(f"{live_server.url}{preferences}")
    axe(page)
    page.goto(f"{live_server.url}{unsubscribe}")
    axe(page)
    page.locator("main form button[type=submit]").click()
    axe(page)
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_issue_page_has_no_axe_violations(live_server, page, axe, lang):
    section = IssueSectionFactory()
    page.goto(f"{live_server.url}/{lang}/newsletter/{section.issue.slug}/")
    axe(page)
