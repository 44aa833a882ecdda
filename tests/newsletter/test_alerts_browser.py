"""The resource-alert flow as a person goes through it, in both languages, axe-clean:
the library's filter, the sign-up, the confirmation link, the preferences page, the stop."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from newsletter import services
from newsletter.models import Alert, Subscriber
from tests.newsletter.helpers import link_to
from tests.resources.factories import ResourceFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "link": "Email me new resources like these",
        "topic": "Care coordination",
        "email": "Email address",
        "language": "Spanish",
        "send": "Email me new resources",
        "check": "Check your email",
        "yes": "Yes, start my alert",
        "on": "Your alert is on",
        "manage": "Manage your alerts",
        "alerts": "Your resource alerts",
        "stop": "Stop this alert",
        "stopped": "Alert stopped",
    },
    "es": {
        "link": "Envíenme por correo los recursos nuevos como estos",
        "topic": "Coordinación de la atención",
        "email": "Correo electrónico",
        "language": "Inglés",
        "send": "Envíenme los recursos nuevos",
        "check": "Revise su correo",
        "yes": "Sí, activar mi alerta",
        "on": "Su alerta está activada",
        "manage": "Administrar sus alertas",
        "alerts": "Sus alertas de recursos",
        "stop": "Detener esta alerta",
        "stopped": "Alerta detenida",
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_visitor_subscribes_confirms_manages_and_stops_an_alert(
    live_server, page, axe, csp_violations, lang
):
    topic = TopicFactory(
        slug="care-coordination",
        name_en="Care coordination",
        name_es="Coordinación de la atención",
    )
    ResourceFactory(title_en="Care plan template", topics=[topic])
    text = TEXT[lang]
    other = "es" if lang == "en" else "en"

    page.goto(f"{live_server.url}/{lang}/resources/?topic=care-coordination")
    page.get_by_role("link", name=text["link"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["link"])
    expect(page.locator(".alert-summary")).to_contain_text(text["topic"])
    axe(page)
    page.get_by_label(text["email"]).fill("ana@example.org")
    page.get_by_label(text["language"]).check()  # emails in the other language
    page.get_by_role("button", name=text["send"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["check"])
    axe(page)

    # The confirmation comes in the language chosen; its link leads to a button.
    [message] = mail.outbox
    page.goto(live_server.url + link_to(message, "/confirm/"))
    assert f"/{other}/newsletter/confirm/" in page.url
    axe(page)
    page.get_by_role("button", name=TEXT[other]["yes"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXT[other]["on"])
    axe(page)
    alert = Alert.objects.get()
    assert alert.is_active
    assert alert.filters == {"topic": ["care-coordination"]}

    page.get_by_role("link", name=TEXT[other]["manage"]).click()
    expect(page.get_by_role("heading", name=TEXT[other]["alerts"])).to_be_visible()
    expect(page.locator(".alert-list")).to_contain_text(TEXT[other]["topic"])
    axe(page)
    page.locator(".alert-list").get_by_role("button", name=TEXT[other]["stop"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXT[other]["stopped"])
    axe(page)
    assert csp_violations == []
    alert.refresh_from_db()
    assert alert.stopped_at is not None


def test_the_weekly_message_s_stop_link_works_without_javascript(live_server, browser):
    topic = TopicFactory(slug="transitions", name_en="Transitions")
    alert = Alert.objects.create(
        subscriber=Subscriber.objects.create(email="ana@example.org", status="confirmed"),
        filters={"topic": ["transitions"]},
    )
    alert.confirm(timezone.now() - datetime.timedelta(days=8))
    ResourceFactory(title_en="Moving to adult care", topics=[topic])
    services.alerts_send_due()
    [message] = mail.outbox
    assert "Moving to adult care" in message.body
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + link_to(message, "/alerts/stop/"))
    page.get_by_role("button", name="Stop this alert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alert stopped")
    context.close()
    alert.refresh_from_db()
    assert alert.stopped_at is not None
