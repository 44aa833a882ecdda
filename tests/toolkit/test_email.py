"""Send my toolkit by email through the newsletter's verified path: a confirmed address
gets the list, any other address only our words and the signed link; nothing stored,
nothing of the sender's relayed, rate limited."""

import re
import smtplib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.factories import SubscriberFactory
from tests.resources.factories import ResourceFactory
from toolkit import lists
from toolkit.forms import ToolkitEmailForm

pytestmark = pytest.mark.django_db
SEND = "/en/toolkit/send/"


@pytest.fixture
def kit(client):
    resources = [
        ResourceFactory(title_en="Care plan template", title_es="Plantilla de plan de atención"),
        ResourceFactory(title_en="Transition checklist", title_es="Lista para la transición"),
    ]
    for resource in resources:
        client.post("/en/toolkit/add/", {"resource": resource.pk})
    return resources


def data(**extra):
    return {
        "email": "friend@example.org",
        "started": ToolkitEmailForm().initial["started"],
        **extra,
    }


def toolkit_ids(message) -> list[int]:
    url = next(u for u in re.findall(r"https?://\S+", message.body) if "/toolkit/?list=" in u)
    ids = lists.unsign(parse_qs(urlsplit(url).query)["list"][0])
    assert ids is not None, url
    return ids


def test_a_confirmed_address_gets_the_list_in_its_own_language(client, kit):
    SubscriberFactory(email="Friend@Example.org", language="es")
    response = client.post(SEND, data(email="friend@example.org"))
    assert response.status_code == 302
    assert response["Location"] == "/en/toolkit/"
    [message] = mail.outbox
    # To the address as its owner confirmed it.
    assert message.to == ["Friend@Example.org"]
    assert message.subject == "Su caja de herramientas del Portal del Hogar Médico"
    assert "Plantilla de plan de atención" in message.body
    assert "Lista para la transición" in message.body
    assert "/es/toolkit/?list=" in message.body
    assert toolkit_ids(message) == [r.pk for r in kit]
    assert "List-Unsubscribe" in message.extra_headers
    assert "We sent your toolkit to that address." in client.get("/en/toolkit/").content.decode()


@pytest.mark.parametrize("status", [None, SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED])
def test_an_unconfirmed_address_gets_only_our_words_and_the_signed_link(
    client, kit, status, settings
):
    if status:
        SubscriberFactory(email="friend@example.org", status=status, confirmed_at=None)
    before = Subscriber.objects.count()
    client.post(SEND, data(message="Buy cheap pills at https://spam.example"))
    [message] = mail.outbox
    assert message.subject == "A toolkit from the Medical Home Portal"
    # Not even the titles the sender chose; only our signed link to them.
    assert "Care plan template" not in message.body
    assert "spam" not in message.body
    assert toolkit_ids(message) == [r.pk for r in kit]
    links = re.findall(r"https?://\S+", message.body)
    assert links
    assert all(link.startswith(settings.SITE_URL + "/") for link in links)
    # Nothing stored: no subscriber created or changed.
    assert Subscriber.objects.count() == before
    page = client.get("/en/toolkit/").content.decode()
    assert "We sent a link to your toolkit to that address." in page


def test_the_link_message_follows_the_senders_language(client, kit):
    client.post("/es/toolkit/send/", data())
    [message] = mail.outbox
    assert message.subject == "Una caja de herramientas del Portal del Hogar Médico"
    assert "/es/toolkit/?list=" in message.body


@pytest.mark.parametrize(
    "bad",
    [
        {"email": "not an address"},
        {"email": ""},
        {"email": "a@b.org\r\nBcc: victim@example.org"},
        {"email": "x" * 300 + "@example.org"},
        {"started": "forged"},
        {"website": "http://bot.example"},
    ],
)
def test_bad_input_gets_a_clear_message_and_sends_nothing(client, kit, bad):
    response = client.post(SEND, data(**bad))
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert mail.outbox == []


def test_sending_is_rate_limited_per_address(client, kit, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(SEND, data()).status_code == 302
    response = client.post(SEND, data())
    assert response.status_code == 400
    assert "We have received several forms from you" in response.content.decode()
    assert len(mail.outbox) == 3


def test_a_form_token_serves_one_sending(client, kit):
    token = data()
    client.post(SEND, token)
    assert client.post(SEND, token).status_code == 400
    assert len(mail.outbox) == 1


def test_an_empty_toolkit_sends_nothing(client):
    response = client.post(SEND, data(), follow=True)
    assert "Your toolkit is empty: add resources before sending it." in response.content.decode()
    assert mail.outbox == []


def test_a_mail_failure_is_a_message_not_a_500(client, kit, monkeypatch):
    def fail(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    response = client.post(SEND, data(), follow=True)
    assert response.status_code == 200
    assert "We could not send the email just now." in response.content.decode()


def test_get_is_not_allowed(client):
    assert client.get(SEND).status_code == 405


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_form_is_on_my_toolkit_in_both_languages_but_not_on_a_shared_list(client, kit, lang):
    html = client.get(f"/{lang}/toolkit/").content.decode()
    assert f'action="/{lang}/toolkit/send/"' in html
    label = {"en": "Send my toolkit", "es": "Enviar mi caja de herramientas"}[lang]
    assert label in html
    shared = client.get(f"/{lang}/toolkit/?list={lists.sign([kit[0].pk])}").content.decode()
    assert "/toolkit/send/" not in shared


def test_one_address_gets_at_most_ten_toolkits_a_day(client, kit, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 100
    for _ in range(10):
        assert client.post(SEND, data()).status_code == 302
    response = client.post(SEND, data())
    assert response.status_code == 400
    assert "We have sent several toolkits today." in response.content.decode()
    assert len(mail.outbox) == 10


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    email=st.one_of(st.text(max_size=300), st.emails()),
    extra=st.dictionaries(st.text(max_size=10), st.text(max_size=50), max_size=3),
)
def test_whatever_is_posted_the_answer_is_never_a_500(client, kit, settings, email, extra):
    settings.RATELIMIT_ENABLE = False  # reach the form every time, not the 429 page
    response = Client(raise_request_exception=False)
    response.cookies = client.cookies  # the same visitor, with their toolkit
    answer = response.post(SEND, {**extra, **data(email=email)})
    assert answer.status_code in (302, 400)
