"""The public forms cannot make the center email a stranger someone else's words."""

import pytest
from django.core import mail

from mentorship.models import AssistanceRequest, IntroductionRequest
from tests.mentorship.factories import MentorFactory
from tests.mentorship.test_forms import _started

pytestmark = pytest.mark.django_db

PHISH = "Your account is locked: verify at https://phish.example/login"
ATTACKER = {
    "name": "Security team https://phish.example/x",
    "organization": "Bank www.phish.example",
    "email": "victim@example.org",
    "phone": "",
    "message": PHISH,
}
FORBIDDEN = ("phish", "Security team", "verify at", "Bank", "http")


def _assert_no_attacker_text(message):
    bodies = [message.subject, message.body] + [alt.content for alt in message.alternatives]
    for text in bodies:
        for fragment in FORBIDDEN:
            assert fragment not in text, (fragment, text)


def test_assistance_acknowledgement_carries_none_of_the_attackers_text(client):
    data = {**ATTACKER, "kind": "recognition", "state": "MN", "started": _started()}
    assert client.post("/en/assistance/", data).status_code == 302
    [message] = mail.outbox
    assert message.to == ["victim@example.org"]
    _assert_no_attacker_text(message)
    # Staff still have the request in full.
    item = AssistanceRequest.objects.get()
    assert item.message == PHISH
    assert item.name == ATTACKER["name"]


def test_introduction_acknowledgement_carries_none_of_the_attackers_text(client):
    MentorFactory(name="Prairie Clinic", slug="prairie-clinic")
    data = {**ATTACKER, "started": _started()}
    response = client.post("/es/mentors/prairie-clinic/introduction/", data)
    assert response.status_code == 302
    [message] = mail.outbox
    _assert_no_attacker_text(message)
    assert "Prairie Clinic" in message.body  # the mentor's name is ours, not the sender's
    assert IntroductionRequest.objects.get().message == PHISH


def test_staff_read_the_request_in_full_in_the_admin(client, admin_client):
    data = {**ATTACKER, "kind": "recognition", "state": "MN", "started": _started()}
    client.post("/en/assistance/", data)
    item = AssistanceRequest.objects.get()
    html = admin_client.get(f"/admin/mentorship/assistancerequest/{item.pk}/change/")
    assert PHISH in html.content.decode()
