"""Resource alerts: "Email me new resources like these" on the library, double opt-in
through the newsletter's subscriber and confirmation path, the weekly send, the
one-click stop per alert and the alerts on the preferences page."""

import datetime
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter import alerts, services, tokens
from newsletter.forms import AlertForm
from newsletter.models import ALERTS_PER_SUBSCRIBER, Alert, Source, Subscriber, SubscriberStatus
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.newsletter.helpers import link_to
from tests.resources.factories import ResourceFactory, ResourceTypeFactory, TopicFactory

pytestmark = pytest.mark.django_db

NEW = "/en/newsletter/alerts/new/"


@pytest.fixture
def library():
    coordination = TopicFactory(
        slug="care-coordination", name_en="Care coordination", name_es="Coordinación"
    )
    transitions = TopicFactory(slug="transitions", name_en="Transitions", name_es="Transiciones")
    return {"coordination": coordination, "transitions": transitions}


def _post(
    client, query="topic=care-coordination", language="en", email="ana@example.org", **extra
):
    data = {
        "email": email,
        "language": language,
        "filters": query,
        "started": AlertForm().initial["started"],
        **extra,
    }
    url_language = language if language in ("en", "es") else "en"
    return client.post(f"/{url_language}/newsletter/alerts/new/", data)


def _confirmed_alert(filters, *, language="en", email="ana@example.org", days_ago=8):
    subscriber = SubscriberFactory(email=email, language=language, wants_issues=False)
    alert = Alert.objects.create(subscriber=subscriber, filters=filters)
    alert.confirm(timezone.now() - datetime.timedelta(days=days_ago))
    return alert


def _published(days_ago, **kwargs):
    return ResourceFactory(publish_at=timezone.now() - datetime.timedelta(days=days_ago), **kwargs)


# --- Subscribing --------------------------------------------------------------------


def test_the_library_offers_an_alert_for_its_current_filter(client, library):
    html = client.get("/en/resources/?topic=care-coordination&sort=title&page=1").content.decode()
    assert 'href="/en/newsletter/alerts/new/?topic=care-coordination"' in html
    assert (
        "Envíenme por correo los recursos nuevos como estos"
        in client.get("/es/resources/").content.decode()
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_alert_page_describes_the_filter_in_the_visitor_s_language(client, library, language):
    response = client.get(
        f"/{language}/newsletter/alerts/new/?topic=care-coordination&topic=nope&q=huddles"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert ("Care coordination" if language == "en" else "Coordinación") in html
    assert "“huddles”" in html
    summary = html.split('<ul class="alert-summary">')[1].split("</ul>")[0]
    assert "nope" not in summary  # unknown values are dropped, as the library does
    assert 'name="filters" value="q=huddles&amp;topic=care-coordination"' in html
    assert response.context["form"].initial["language"] == language


def test_double_opt_in_through_the_newsletter_confirmation_path(client, library):
    response = _post(client, "topic=care-coordination&q=%3Cscript%3Ephish", language="es")
    assert response.status_code == 200
    alert = Alert.objects.get()
    subscriber = alert.subscriber
    assert alert.filters == {"topic": ["care-coordination"], "q": "<script>phish"}
    assert alert.confirmed_at is None
    assert (
        subscriber.status,
        subscriber.wants_issues,
        subscriber.language,
        subscriber.source,
    ) == (
        SubscriberStatus.PENDING,
        False,
        "es",
        Source.ALERT,
    )
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "Confirme su alerta de recursos nuevos"
    assert "Coordinación" in message.body
    # The unverified address gets none of the typed words.
    for part in (message.body, message.alternatives[0].content):
        assert "phish" not in part
        assert "script" not in part
    path = link_to(message, "/confirm/")
    assert path.startswith("/es/newsletter/confirm/")
    # Mail scanners follow links: a GET only shows the button.
    assert "Sí, activar mi alerta" in client.get(path).content.decode()
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    response = client.post(path)
    assert "Su alerta está activada" in response.content.decode()
    alert.refresh_from_db()
    subscriber.refresh_from_db()
    assert alert.is_active
    assert alert.last_sent_at == alert.confirmed_at
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert not subscriber.wants_issues  # alerts only: no newsletter issues


def test_an_alert_only_address_gets_no_issue(client, library):
    _confirmed_alert({"topic": ["care-coordination"]})
    reader = SubscriberFactory(email="reader@example.org")
    issue = IssueFactory(sent_at=None)
    assert services.issue_queue_deliveries(issue=issue) == 1
    assert list(issue.deliveries.values_list("subscriber", flat=True)) == [reader.pk]


def test_the_same_filter_twice_is_one_alert_and_a_confirmed_one_sends_nothing(client, library):
    _post(client)
    _post(client, "topic=care-coordination&page=3&sort=title")
    assert Alert.objects.count() == 1
    assert len(mail.outbox) == 2  # the link again, for an alert still waiting
    services.alerts_confirm(subscriber=Alert.objects.get().subscriber)
    _post(client)
    assert len(mail.outbox) == 2


def test_a_known_subscriber_keeps_their_settings(client, library):
    reader = SubscriberFactory(email="ana@example.org", language="en")
    _post(client, language="es")
    reader.refresh_from_db()
    assert (reader.language, reader.wants_issues, reader.status) == ("en", True, "confirmed")
    assert mail.outbox[0].subject == "Confirm your alert for new resources"


def test_an_address_keeps_at_most_so_many_alerts(client, library, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 100
    for n in range(ALERTS_PER_SUBSCRIBER + 2):
        _post(client, f"year={2000 + n}")
    assert Alert.objects.count() == ALERTS_PER_SUBSCRIBER


def test_the_public_form_guards_hold(client, library, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 3
    assert _post(client, website="spam").status_code == 400
    token = AlertForm().initial["started"]
    assert _post(client, started=token).status_code == 200
    assert _post(client, started=token, email="b@example.org").status_code == 400
    assert _post(client, email="c@example.org").status_code == 200
    assert _post(client, email="d@example.org").status_code == 400  # rate limited
    assert Alert.objects.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"email": "nope"},
        {"language": "fr"},
        {"filters": "x" * 3000},
    ],
)
def test_mistakes_are_shown_not_failed(client, library, data):
    response = _post(client, **data)
    assert response.status_code == 400
    assert not Alert.objects.exists()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_query_string_is_read_safely(client, query):
    assert client.get(NEW + "?" + query).status_code == 200
    filters = alerts.normalize(query)
    assert set(filters) <= {"q", *alerts.KEYS}
    assert alerts.normalize(alerts.querystring(filters)) == filters


# --- The weekly send ----------------------------------------------------------------


def test_the_weekly_send_lists_only_new_matching_resources_in_the_subscriber_s_language(library):
    alert = _confirmed_alert({"topic": ["care-coordination"]}, language="es")
    _published(20, title_en="Old plan", topics=[library["coordination"]])
    _published(2, title_en="New plan", title_es="Plan nuevo", topics=[library["coordination"]])
    _published(2, title_en="Other topic", title_es="Otro tema", topics=[library["transitions"]])
    _published(-2, title_en="Scheduled", title_es="Programado", topics=[library["coordination"]])
    result = services.alerts_send_due()
    assert result == {"checked": 1, "sent": 1, "failed": 0}
    [message] = mail.outbox
    assert message.subject == "1 recurso nuevo como los que sigue"
    assert "Plan nuevo" in message.body
    for absent in ("Old plan", "Otro tema", "Programado"):
        assert absent not in message.body
    stop = link_to(message, "/alerts/stop/")
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{stop}>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Sent this week: nothing again until the next, and then only newer resources.
    assert services.alerts_send_due() == {"checked": 0, "sent": 0, "failed": 0}
    alert.refresh_from_db()
    assert timezone.now() - alert.last_sent_at < datetime.timedelta(minutes=1)


def test_a_week_without_news_sends_nothing_but_moves_on(library):
    alert = _confirmed_alert({"topic": ["transitions"]})
    before = alert.last_sent_at
    assert services.alerts_send_due() == {"checked": 1, "sent": 0, "failed": 0}
    assert not mail.outbox
    alert.refresh_from_db()
    assert alert.last_sent_at > before


def test_search_words_match_in_the_subscriber_s_language(library):
    _confirmed_alert({"q": "transición"}, language="es")
    _published(1, title_en="Moving to adult care", title_es="La transición a la atención adulta")
    services.alerts_send_due()
    assert "La transición a la atención adulta" in mail.outbox[0].body


def test_pending_stopped_and_unsubscribed_alerts_send_nothing(library):
    _published(1, topics=[library["coordination"]])
    pending = Alert.objects.create(subscriber=SubscriberFactory(email="p@example.org"), filters={})
    assert pending.confirmed_at is None
    _confirmed_alert({}, email="s@example.org").stop()
    _confirmed_alert({}, email="u@example.org").subscriber.unsubscribe()
    assert services.alerts_send_due() == {"checked": 0, "sent": 0, "failed": 0}
    assert not mail.outbox


def test_the_command_sends_by_hand_and_all_forces_a_send(library):
    _confirmed_alert({}, days_ago=2)
    _published(1, title_en="Fresh")
    out = StringIO()
    call_command("send_alerts", stdout=out)
    assert "Checked 0 alerts" in out.getvalue()
    call_command("send_alerts", "--all", stdout=out)
    assert "Checked 1 alerts; 1 sent, 0 failed." in out.getvalue()
    assert "Fresh" in mail.outbox[0].body


def test_the_worker_sends_due_alerts_between_tasks(library, settings):
    from newsletter.management.commands.worker import HealingWorker

    settings.ALERTS_CHECK_SECONDS = 3600
    _confirmed_alert({})
    _published(1, title_en="Fresh")
    worker = HealingWorker.__new__(HealingWorker)
    worker.running = True
    worker.running_task = False
    assert worker._heal() is True
    assert len(mail.outbox) == 1
    # Not again within ALERTS_CHECK_SECONDS.
    _confirmed_alert({}, email="b@example.org")
    assert worker._heal() is False
    assert len(mail.outbox) == 1


def test_a_failed_message_is_kept_for_next_time(library, monkeypatch):
    alert = _confirmed_alert({})
    _published(1)

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    before = alert.last_sent_at
    assert services.alerts_send_due()["failed"] == 1
    alert.refresh_from_db()
    assert alert.last_sent_at == before


def test_the_send_s_queries_grow_by_a_fixed_number_per_alert(library):
    def queries():
        Alert.objects.update(last_sent_at=timezone.now() - datetime.timedelta(days=8))
        with CaptureQueriesContext(connection) as captured:
            services.alerts_send_due()
        return len(captured.captured_queries)

    for n in range(3):
        _published(1, topics=[library["coordination"]], title_en=f"R{n}")
    _confirmed_alert({"topic": ["care-coordination"]})
    one = queries()
    _confirmed_alert({"topic": ["care-coordination"]}, email="b@example.org")
    two = queries()
    _confirmed_alert({"topic": ["care-coordination"]}, email="c@example.org")
    assert queries() - two == two - one


# --- Stopping and the preferences page ---------------------------------------------


def test_one_click_stop_stops_only_that_alert(client, library):
    first = _confirmed_alert({"topic": ["care-coordination"]})
    second = Alert.objects.create(subscriber=first.subscriber, filters={"topic": ["transitions"]})
    second.confirm()
    path = f"/en/newsletter/alerts/stop/{tokens.make_stop(first)}/"
    assert "Stop this alert" in client.get(path).content.decode()
    # RFC 8058: the mail provider POSTs without cookies or CSRF token.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.stopped_at is not None
    assert second.is_active
    assert first.subscriber.status == SubscriberStatus.CONFIRMED
    assert "already stopped" in client.get(path).content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "nope",
        "x" * 500,
        signing.dumps([10**9, "0" * 12], salt="newsletter.stop-alert"),
        signing.dumps({"a": 1}, salt="newsletter.stop-alert"),
    ],
    ids=["garbage", "long", "no-such-alert", "not-a-pair"],
)
def test_a_bad_stop_link_is_a_friendly_page(client, token):
    assert client.post(f"/en/newsletter/alerts/stop/{token}/").status_code == 400


def test_the_preferences_page_lists_and_stops_alerts_in_its_language(client, library):
    alert = _confirmed_alert({"topic": ["care-coordination"], "q": "huddles"}, language="es")
    subscriber = alert.subscriber
    path = f"/es/newsletter/preferences/{tokens.make(subscriber, tokens.PREFERENCES)}/"
    html = client.get(path).content.decode()
    assert "Sus alertas de recursos" in html
    assert "Coordinación" in html
    assert "“huddles”" in html
    stop = f"/es/newsletter/alerts/stop/{tokens.make_stop(alert)}/"
    assert f'action="{stop}"' in html
    client.post(stop)
    assert "No tiene alertas" in client.get(path).content.decode()


def test_the_preferences_page_turns_the_newsletter_on_for_an_alert_only_address(client, library):
    subscriber = _confirmed_alert({}).subscriber
    path = f"/en/newsletter/preferences/{tokens.make(subscriber, tokens.PREFERENCES)}/"
    client.post(path, {"language": "en", "wants_issues": "on"})
    subscriber.refresh_from_db()
    assert subscriber.wants_issues


def test_the_preferences_page_s_queries_do_not_grow_with_alerts(client, library):
    subscriber = _confirmed_alert({"topic": ["care-coordination"], "type": ["tool"]}).subscriber
    ResourceTypeFactory(slug="tool")
    path = f"/en/newsletter/preferences/{tokens.make(subscriber, tokens.PREFERENCES)}/"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured.captured_queries)

    client.get(path)
    few = queries()
    for n in range(8):
        extra = Alert.objects.create(
            subscriber=subscriber, filters={"topic": ["transitions"], "year": [str(2000 + n)]}
        )
        extra.confirm()
    assert queries() == few


def test_subscriber_model_defaults_keep_newsletter_sign_ups_on_issues():
    assert Subscriber(email="x@example.org").wants_issues is True


def test_an_alert_only_address_that_signs_up_for_the_newsletter_gets_it_once_confirmed(client):
    from tests.newsletter.helpers import signup_data

    subscriber = _confirmed_alert({}).subscriber
    client.post("/en/newsletter/", signup_data(email=subscriber.email))
    subscriber.refresh_from_db()
    assert not subscriber.wants_issues  # anyone may type an address: the owner confirms
    path = link_to(mail.outbox[-1], "/confirm/")
    assert "Yes, subscribe me" in client.get(path).content.decode()
    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.wants_issues
    assert Alert.objects.get().is_active
