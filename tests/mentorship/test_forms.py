import logging
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medhome.confirmations import send_confirmation
from mentorship.forms import AssistanceRequestForm
from mentorship.models import AssistanceRequest, IntroductionRequest
from tests.mentorship.factories import MentorFactory

pytestmark = pytest.mark.django_db

SEND = "django.core.mail.EmailMultiAlternatives.send"


def _started():
    return AssistanceRequestForm().initial["started"]


def _intro(**extra):
    return {
        "name": "Ana Ruiz",
        "organization": "Valley Pediatrics",
        "email": "ana@example.org",
        "phone": "",
        "message": "We want to start a family advisory council.",
        "started": _started(),
        **extra,
    }


def _assist(**extra):
    return {
        "kind": "recognition",
        "name": "Sam Park",
        "organization": "",
        "email": "sam@example.org",
        "state": "MN",
        "message": "How do we prepare for recognition?",
        "started": _started(),
        **extra,
    }


@pytest.fixture
def mentor():
    return MentorFactory(name="Prairie Clinic", slug="prairie-clinic")


INTRO = "/en/mentors/prairie-clinic/introduction/"
ASSIST = "/en/assistance/"


@pytest.mark.smoke
def test_introduction_form_is_shown(client, mentor):
    response = client.get(INTRO)
    assert response.status_code == 200
    assert "Ask for an introduction to Prairie Clinic" in response.content.decode()


def test_a_valid_introduction_request_is_stored_and_confirmed(client, mentor):
    response = client.post(INTRO, _intro())
    assert response.status_code == 302
    assert response["Location"] == "/en/mentors/prairie-clinic/introduction/sent/"
    item = IntroductionRequest.objects.get()
    assert (item.mentor, item.email, item.queue_status, item.language) == (
        mentor, "ana@example.org", "new", "en"
    )  # fmt: skip
    assert item.confirmation_sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.org"]
    assert "Prairie Clinic" in mail.outbox[0].body
    assert client.get(response["Location"]).status_code == 200


def test_the_confirmation_is_in_the_language_of_the_page(client, mentor):
    client.post("/es/mentors/prairie-clinic/introduction/", _intro())
    assert IntroductionRequest.objects.get().language == "es"
    assert mail.outbox[0].subject == "Hemos recibido su solicitud de presentación"


def test_invalid_input_is_shown_again_with_errors_and_nothing_stored(client, mentor):
    response = client.post(INTRO, _intro(email="not-an-email", message=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please correct the following" in body
    assert 'id="id_email_error"' in body
    assert 'value="Ana Ruiz"' in body
    assert IntroductionRequest.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_stops_bots(client, mentor):
    response = client.post(INTRO, _intro(website="http://spam.example"))
    assert response.status_code == 400
    assert IntroductionRequest.objects.count() == 0


def test_a_form_sent_too_fast_is_refused(client, mentor, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 60
    assert client.post(INTRO, _intro()).status_code == 400
    assert IntroductionRequest.objects.count() == 0


def test_the_rate_limit_stops_a_flood(client, mentor, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(INTRO, _intro()).status_code == 302
    response = client.post(INTRO, _intro())
    assert response.status_code == 400
    assert "several forms from you" in response.content.decode()
    assert IntroductionRequest.objects.count() == 2


def test_an_unpublished_mentor_cannot_be_asked_for(client):
    MentorFactory(slug="hidden", status="draft")
    assert client.get("/en/mentors/hidden/introduction/").status_code == 404
    assert client.post("/en/mentors/hidden/introduction/", _intro()).status_code == 404


@pytest.mark.parametrize(
    ("value", "status", "stored"),
    [("\x00", 400, 0), ("😀" * 10, 302, 1), ("x" * 5000, 400, 0)],
    ids=["null character", "emoji", "too long"],
)
def test_odd_input_is_refused_or_stored_whole(client, mentor, value, status, stored):
    response = client.post(INTRO, _intro(name=value[:300], message=value))
    assert response.status_code == status
    assert IntroductionRequest.objects.count() == stored
    if stored:
        assert IntroductionRequest.objects.get().message == value


def test_email_failure_keeps_the_request_and_queues_a_retry(
    client, mentor, caplog, django_capture_on_commit_callbacks
):
    with (
        mock.patch(SEND, side_effect=OSError("mail server down")),
        caplog.at_level(logging.ERROR, logger="medhome.confirmations"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(INTRO, _intro())
    assert response.status_code == 302
    item = IntroductionRequest.objects.get()
    assert item.confirmation_sent_at is None
    assert "Confirmation email" in caplog.text
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [
        "mentorship.emails.confirmation_message",
        "mentorship.IntroductionRequest",
        item.pk,
        2,
    ]
    assert task.run_after > item.received_at  # a pause before the retry


def test_the_retry_task_sends_once(mentor, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    item = IntroductionRequest.objects.create(
        mentor=mentor, name="Ana", organization="X", email="ana@example.org", message="Hi"
    )
    args = ("mentorship.emails.confirmation_message", "mentorship.IntroductionRequest", item.pk)
    assert send_confirmation.enqueue(*args).return_value == "sent"
    assert send_confirmation.enqueue(*args).return_value == "done"
    assert len(mail.outbox) == 1
    item.refresh_from_db()
    assert item.confirmation_sent_at is not None


# --- Technical assistance ------------------------------------------------------------


@pytest.mark.smoke
def test_assistance_form_lists_the_kinds_of_help(client):
    body = client.get(ASSIST).content.decode()
    for text in ["Background on the medical home model", "Recognition and accreditation",
                 "Connecting with a practice that has transformed", "State programs and policy"]:  # fmt: skip
        assert text in body


def test_a_valid_assistance_request_is_stored_and_confirmed(client):
    response = client.post(ASSIST, _assist())
    assert response["Location"] == "/en/assistance/sent/"
    item = AssistanceRequest.objects.get()
    assert (item.kind, item.state, item.queue_status) == ("recognition", "MN", "new")
    assert len(mail.outbox) == 1
    assert "Recognition and accreditation" in mail.outbox[0].body


def test_invalid_assistance_input_is_shown_again_and_nothing_stored(client):
    response = client.post(ASSIST, _assist(kind="magic", state="ZZ"))
    assert response.status_code == 400
    assert 'id="id_kind_error"' in response.content.decode()
    assert AssistanceRequest.objects.count() == 0


def test_assistance_honeypot_and_rate_limit(client, settings):
    assert client.post(ASSIST, _assist(website="x")).status_code == 400
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    assert client.post(ASSIST, _assist()).status_code == 302
    assert client.post(ASSIST, _assist()).status_code == 400
    assert AssistanceRequest.objects.count() == 1


def test_assistance_email_failure_keeps_the_request(client, django_capture_on_commit_callbacks):
    with mock.patch(SEND, side_effect=OSError), django_capture_on_commit_callbacks(execute=True):
        assert client.post(ASSIST, _assist()).status_code == 302
    assert AssistanceRequest.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_sends_a_confirmation_that_failed_at_first(client):
    from django.core.management import call_command

    MentorFactory(name="Prairie Clinic", slug="prairie-clinic")
    with mock.patch(SEND, side_effect=OSError("mail server down")):
        assert client.post(INTRO, _intro()).status_code == 302
    assert mail.outbox == []
    # The retry waits a while before it runs: nothing is sent now...
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert mail.outbox == []
    # ...and it goes out once that while has passed.
    DBTaskResult.objects.update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "Prairie Clinic" in mail.outbox[0].body
    assert IntroductionRequest.objects.get().confirmation_sent_at is not None


def test_an_introduction_from_the_match_results_carries_the_practice_profile(client, mentor):
    MentorFactory(setting="fqhc")  # another mentor, so the practice sees a ranked list
    query = "setting=fqhc&community=rural&populations=cshcn"
    page = client.get(f"{INTRO}?{query}").content.decode()
    assert "Your setting: Federally qualified health center" in page
    client.post(f"{INTRO}?{query}", _intro())
    assert IntroductionRequest.objects.get().practice_profile == (
        "Your setting: Federally qualified health center\n"
        "Your community: Rural\n"
        "Families you serve: Children with special health care needs"
    )


def test_an_introduction_with_nonsense_in_the_query_still_works(client, mentor):
    assert client.post(f"{INTRO}?setting=castle&needs=%00", _intro()).status_code == 302
    assert IntroductionRequest.objects.get().practice_profile == ""
