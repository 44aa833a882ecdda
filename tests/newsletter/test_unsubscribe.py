import pytest
from django.core import mail
from django.urls import reverse

from newsletter import emails, services, tokens
from newsletter.models import SubscriberStatus
from tests.newsletter.factories import IssueFactory, SubscriberFactory, TopicFactory
from tests.newsletter.helpers import cookieless_client, link_to, signup_data

pytestmark = pytest.mark.django_db


def _unsubscribe_path(subscriber):
    return reverse("newsletter:unsubscribe", args=[tokens.make(subscriber, tokens.UNSUBSCRIBE)])


def test_every_newsletter_message_has_one_click_unsubscribe_headers(client):
    subscriber = SubscriberFactory()
    client.post("/en/newsletter/", signup_data(email="new@example.org"))
    services.issue_send(issue_id=IssueFactory().pk)
    services.issue_send_test(issue_id=IssueFactory().pk, email="staff@example.org")
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        value = message.extra_headers["List-Unsubscribe"]
        assert value.startswith("<http")
        assert value.endswith(">")
        assert "/newsletter/unsubscribe/" in value
        assert "/newsletter/preferences/" in message.body
        assert "/newsletter/preferences/" in message.alternatives[0].content
    issue_message = next(m for m in mail.outbox if m.to == [subscriber.email])
    # Tokens carry their signing time, so compare what the token says, not its text.
    url = issue_message.extra_headers["List-Unsubscribe"].strip("<>")
    prefix = emails.absolute(reverse("newsletter:unsubscribe", args=["TOKEN"])).split("TOKEN")[0]
    assert url.startswith(prefix)
    token = url[len(prefix) :].strip("/")
    assert tokens.read(token, tokens.UNSUBSCRIBE) == subscriber


def test_a_cookieless_post_without_csrf_token_unsubscribes_at_once():
    subscriber = SubscriberFactory()
    response = cookieless_client().post(
        _unsubscribe_path(subscriber),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_a_get_shows_a_confirm_page_and_does_not_unsubscribe(client):
    subscriber = SubscriberFactory()
    response = client.get(_unsubscribe_path(subscriber))
    assert response.status_code == 200
    assert b'<form method="post">' in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_unsubscribing_twice_is_harmless_and_keeps_the_first_date():
    subscriber = SubscriberFactory()
    path = _unsubscribe_path(subscriber)
    cookieless_client().post(path)
    subscriber.refresh_from_db()
    first = subscriber.unsubscribed_at
    assert cookieless_client().post(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == first


def test_a_forged_unsubscribe_token_changes_nothing():
    subscriber = SubscriberFactory()
    response = cookieless_client().post(f"/en/newsletter/unsubscribe/{subscriber.pk}:forged/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_the_link_in_an_issue_unsubscribes_and_no_issue_follows():
    subscriber = SubscriberFactory()
    services.issue_send(issue_id=IssueFactory().pk)
    cookieless_client().post(link_to(mail.outbox[0], "/unsubscribe/"))
    services.issue_send(issue_id=IssueFactory().pk)
    assert [m.to for m in mail.outbox] == [[subscriber.email]]


def test_preferences_change_language_and_topics(client):
    subscriber = SubscriberFactory(language="en")
    topic = TopicFactory()
    path = reverse("newsletter:preferences", args=[tokens.make(subscriber, tokens.PREFERENCES)])
    page = client.get(path)
    assert page.status_code == 200
    assert b"Unsubscribe from Medical Homes @ Work" in page.content
    saved = client.post(path, {"language": "es", "topics": [topic.pk]})
    assert saved.status_code == 200
    assert b"Your preferences are saved." in saved.content
    subscriber.refresh_from_db()
    assert subscriber.language == "es"
    assert list(subscriber.topics.all()) == [topic]


def test_preferences_reject_bad_input_with_a_message(client):
    subscriber = SubscriberFactory(language="en")
    path = reverse("newsletter:preferences", args=[tokens.make(subscriber, tokens.PREFERENCES)])
    response = client.post(path, {"language": "xx", "topics": ["nope"]})
    assert response.status_code == 400
    assert b"Please correct the following" in response.content
    subscriber.refresh_from_db()
    assert subscriber.language == "en"


def test_an_unsubscribe_token_does_not_open_preferences(client):
    subscriber = SubscriberFactory()
    token = tokens.make(subscriber, tokens.UNSUBSCRIBE)
    assert client.get(reverse("newsletter:preferences", args=[token])).status_code == 400


def test_personal_link_pages_are_never_cached_or_indexed(client):
    subscriber = SubscriberFactory()
    for purpose, name in (
        (tokens.UNSUBSCRIBE, "unsubscribe"),
        (tokens.PREFERENCES, "preferences"),
    ):
        response = client.get(
            reverse(f"newsletter:{name}", args=[tokens.make(subscriber, purpose)])
        )
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_only_get_and_post_are_allowed_on_the_unsubscribe_link():
    subscriber = SubscriberFactory()
    response = cookieless_client().put(_unsubscribe_path(subscriber))
    assert response.status_code == 405
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
