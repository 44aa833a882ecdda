"""A real SMTP round trip: Django's SMTP backend talks to aiosmtpd on 127.0.0.1."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from newsletter import services
from newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.factories import IssueSectionFactory
from tests.newsletter.helpers import links_in, path_of, signup_data

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []
        self.raw = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, parsed))
        self.raw.append(envelope.content)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    settings.SITE_URL = "https://portal.example.org"
    yield inbox
    controller.stop()


def _parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_a_confirmation_and_an_issue_travel_over_real_smtp(smtp_inbox):
    client = Client()
    assert client.post("/es/newsletter/", signup_data(language="es")).status_code == 302

    [(recipients, confirmation)] = smtp_inbox.messages
    assert recipients == ["parent@example.org"]
    assert confirmation["To"] == "parent@example.org"
    assert confirmation.get_content_type() == "multipart/alternative"
    text, html = _parts(confirmation)
    confirm_url = next(u for u in links_in(text) if "/confirm/" in u)
    assert confirm_url.startswith("https://portal.example.org/es/newsletter/confirm/")
    assert f'href="{confirm_url}"' in html
    assert client.post(path_of(confirm_url)).status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED

    section = IssueSectionFactory(heading_es="Planes de cuidado", url="https://example.org/a")
    services.issue_send(issue_id=section.issue.pk)
    ((recipients, issue),) = smtp_inbox.messages[1:]
    assert recipients == ["parent@example.org"]
    assert issue["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = issue["List-Unsubscribe"].strip("<>")
    # On the wire the header is the plain URL in angle brackets, not an encoded-word.
    assert f"List-Unsubscribe: <{unsubscribe_url}>".encode() in smtp_inbox.raw[1]
    assert unsubscribe_url.startswith("https://portal.example.org/es/newsletter/unsubscribe/")
    assert issue["Subject"] == f"Medical Homes @ Work: {section.issue.title_es}"
    text, html = _parts(issue)
    assert "Planes de cuidado" in text
    assert "Planes de cuidado" in html
    assert "https://example.org/a" in text

    web_url = next(u for u in links_in(text) if section.issue.slug in u)
    assert client.get(path_of(web_url)).status_code == 200
    preferences_url = next(u for u in links_in(html) if "/preferences/" in u)
    assert client.get(path_of(preferences_url)).status_code == 200

    # The one-click POST a mail provider makes: no cookies, no CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        path_of(unsubscribe_url),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED
