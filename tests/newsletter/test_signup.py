import time
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from newsletter import tokens
from newsletter.models import Source, Subscriber, SubscriberStatus
from tests.newsletter.factories import SubscriberFactory, TopicFactory
from tests.newsletter.helpers import link_to, signup_data

pytestmark = pytest.mark.django_db
INDEX = "/en/newsletter/"


def _confirm_path(subscriber) -> str:
    return reverse("newsletter:confirm", args=[tokens.make(subscriber, tokens.CONFIRM)])


@pytest.mark.smoke
def test_the_whole_opt_in_path(client):
    topic = TopicFactory()
    response = client.post(INDEX, signup_data(topics=[topic.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/en/newsletter/thanks/"

    subscriber = Subscriber.objects.get(email="parent@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    assert list(subscriber.topics.all()) == [topic]
    assert subscriber.source == Source.NEWSLETTER_PAGE
    assert subscriber.consent_at is not None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["parent@example.org"]
    assert "Confirm" in message.subject
    confirm_path = link_to(message, "/confirm/")
    html = message.alternatives[0].content
    assert confirm_path in html

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert b"Yes, subscribe me" in page.content
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING

    done = client.post(confirm_path)
    assert done.status_code == 200
    assert b"You are subscribed" in done.content
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_a_get_alone_never_confirms(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    for _ in range(3):  # a mail scanner may follow the link several times
        assert client.get(_confirm_path(subscriber)).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_a_tampered_token_fails_with_a_clear_page(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    token = tokens.make(subscriber, tokens.CONFIRM)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for bad in (tampered, "nonsense", token + "x"):
        response = client.post(reverse("newsletter:confirm", args=[bad]))
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_a_token_for_another_purpose_does_not_confirm(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    token = tokens.make(subscriber, tokens.UNSUBSCRIBE)
    assert client.post(reverse("newsletter:confirm", args=[token])).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_a_confirmation_token_older_than_seven_days_has_expired(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    eight_days_ago = time.time() - 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        old = tokens.make(subscriber, tokens.CONFIRM)
    response = client.post(reverse("newsletter:confirm", args=[old]))
    assert response.status_code == 400
    assert b"This link has expired" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING

    six_days_ago = time.time() - 6 * 86400
    with mock.patch("django.core.signing.time.time", return_value=six_days_ago):
        recent = tokens.make(subscriber, tokens.CONFIRM)
    assert client.post(reverse("newsletter:confirm", args=[recent])).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_a_token_stops_working_when_the_address_changes(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    path = _confirm_path(subscriber)
    subscriber.email = "someone-else@example.org"
    subscriber.save()
    assert client.post(path).status_code == 400


def test_a_new_and_a_known_address_get_the_same_page_and_the_same_kind_of_message(client):
    SubscriberFactory(email="known@example.org", status=SubscriberStatus.CONFIRMED)
    new = client.post(INDEX, signup_data(email="new@example.org"), follow=True)
    known = client.post(INDEX, signup_data(email="KNOWN@example.org"), follow=True)
    assert new.redirect_chain == known.redirect_chain
    assert new.status_code == known.status_code == 200
    assert new.content.replace(b"new@", b"X@") == known.content.replace(b"known@", b"X@")
    assert [m.subject for m in mail.outbox] == [mail.outbox[0].subject] * 2
    assert [m.to for m in mail.outbox] == [["new@example.org"], ["known@example.org"]]
    assert Subscriber.objects.filter(email__iexact="known@example.org").count() == 1


def test_signing_up_again_does_not_change_a_confirmed_subscribers_settings(client):
    topic = TopicFactory()
    subscriber = SubscriberFactory(email="known@example.org", language="en")
    client.post(INDEX, signup_data(email="known@example.org", language="es", topics=[topic.pk]))
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert subscriber.topics.count() == 0
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_an_unsubscribed_address_signing_up_again_must_confirm_again(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
    client.post(INDEX, signup_data(email=subscriber.email.upper(), language="es"))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.language == "es"
    client.post(link_to(mail.outbox[-1], "/confirm/"))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.unsubscribed_at is None


def test_the_confirmation_is_in_the_subscribers_language(client):
    client.post("/es/newsletter/", signup_data(language="es"))
    message = mail.outbox[0]
    assert message.subject == "Confirme su suscripción a Medical Homes @ Work"
    assert "/es/newsletter/confirm/" in message.body
    assert 'lang="es"' in message.alternatives[0].content


def test_the_sign_up_is_kept_when_the_email_cannot_be_sent(client, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.mailers.BrokenBackend"}}
    response = client.post(INDEX, signup_data())
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="parent@example.org").exists()


def test_the_email_is_unique_whatever_its_case():
    from django.db import IntegrityError, transaction

    SubscriberFactory(email="Case@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriberFactory(email="case@example.org")


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not-an-address"},
        {"email": ""},
        {"email": "a" * 300 + "@example.org"},
        {"email": "nul\x00@example.org"},
        {"email": "😀@example.org"},
        {"language": "fr"},
        {"topics": ["999999"]},
        {"topics": ["abc"]},
    ],
)
def test_bad_input_shows_the_form_again_with_a_message(client, data):
    TopicFactory()
    response = client.post(INDEX, signup_data(**data))
    assert response.status_code == 400
    assert b"Please correct the following" in response.content
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_and_the_rate_limit_guard_the_form(client, settings):
    assert client.post(INDEX, signup_data(website="http://spam.example")).status_code == 400
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(INDEX, signup_data()).status_code == 302
    refused = client.post(INDEX, signup_data())
    assert refused.status_code == 400
    assert b"several forms" in refused.content
    assert len(mail.outbox) == 2


def test_the_home_page_form_records_its_source(client):
    client.post(INDEX, signup_data(**{"from": "home"}))
    assert Subscriber.objects.get().source == Source.HOME_PAGE


def test_without_topics_the_form_leaves_the_topics_question_out(client):
    assert b"Topics you care about" not in client.get(INDEX).content
    TopicFactory(name_en="Care plans")
    content = client.get(INDEX).content
    assert b"Topics you care about" in content
    assert b"Care plans" in content


@pytest.mark.parametrize("token", ["%00", "😀", "a" * 2000, "W10:abc:def", "null", "..%2f"])
@pytest.mark.parametrize("name", ["confirm", "unsubscribe", "preferences"])
def test_odd_tokens_give_a_clear_page_not_an_error(client, name, token):
    response = client.post(f"/en/newsletter/{name}/{token}/")
    if token == "..%2f":  # not a token at all: no such page
        assert response.status_code == 404
    else:
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
