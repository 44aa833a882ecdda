"""Self-nomination: a practice or state team proposes itself as a mentor or promising
practice; the coordinator's queue; "accept" drafts a mentor profile."""

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medhome.models import QueueStatus, Status
from medhome.staff.roles import CONTENT_EDITOR, MENTORSHIP_COORDINATOR, sync_roles
from mentorship.models import Mentor, MentorKind, Nomination
from tests.medhome.staff.factories import staff_user
from tests.mentorship.factories import ExpertiseFactory, MentorFactory, StateFactory
from tests.mentorship.test_forms import _started

pytestmark = pytest.mark.django_db

URL = "/en/mentors/nominate/"
PHISH = "Your account is locked: verify at https://phish.example/login"


def _data(**extra):
    return {
        "kind": "promising",
        "name": "Prairie Family Clinic",
        "organization": "Prairie Health",
        "state": "UT",
        "setting": "community",
        "community_type": "rural",
        "practice_size": "small",
        "summary": "Huddles every morning cut our missed referrals by half.",
        "description": "We started daily huddles in 2022 and track every referral.",
        "homepage": "https://prairie.example.org",
        "contact_name": "Ana Ruiz",
        "email": "ana@example.org",
        "phone": "555-0100",
        "started": _started(),
        **extra,
    }


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Propose your practice or team as a mentor"),
        ("es", "Proponga su consulta o equipo como mentor"),
    ],
)
def test_the_form_is_a_plain_labelled_page_in_both_languages(client, language, heading):
    html = client.get(f"/{language}/mentors/nominate/").content.decode()
    assert f"<h1>{heading}</h1>" in html
    for name in ("kind", "name", "summary", "description", "email", "homepage", "started"):
        assert f'name="{name}"' in html
    assert '<label for="id_email">' in html


def test_the_mentors_pages_and_the_sitemap_link_to_it(client):
    mentor = MentorFactory()
    for url in ("/en/mentors/", mentor.get_absolute_url()):
        assert 'href="/en/mentors/nominate/"' in client.get(url).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/mentors/nominate/" in sitemap
    assert "/es/mentors/nominate/" in sitemap


def test_a_nomination_lands_in_the_queue_and_is_acknowledged_in_the_sender_s_language(client):
    area = ExpertiseFactory(slug="care-coordination")
    response = client.post(
        "/es/mentors/nominate/", _data(expertise=[area.pk], description=PHISH, name=PHISH[:60])
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/mentors/nominate/sent/"
    item = Nomination.objects.get()
    assert (item.kind, item.state, item.language, item.queue_status) == (
        "promising",
        "UT",
        "es",
        QueueStatus.NEW,
    )
    assert list(item.expertise.all()) == [area]
    assert item.description == PHISH
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "Recibimos su postulación como mentor"
    # No relay: the unverified address gets none of the sender's words or links.
    for text in (message.subject, message.body):
        for fragment in ("phish", "verify", "http", "Prairie", "Huddles", "Ana"):
            assert fragment not in text
    assert client.get("/es/mentors/nominate/sent/").status_code == 200


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"name": ""}, "name"),
        ({"summary": ""}, "summary"),
        ({"email": "not an address"}, "email"),
        ({"kind": "boss"}, "kind"),
        ({"state": "XX"}, "state"),
        ({"homepage": "javascript:alert(1)"}, "homepage"),
        ({"description": "x" * 4001}, "description"),
    ],
)
def test_mistakes_are_shown_on_the_form(client, extra, field):
    response = client.post(URL, _data(**extra))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Nomination.objects.exists()
    assert not mail.outbox


def test_the_public_form_guards_hold(client, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 3
    assert client.post(URL, _data()).status_code == 302
    # A token serves once.
    token = _started()
    assert client.post(URL, _data(started=token, email="b@example.org")).status_code == 302
    replay = client.post(URL, _data(started=token, email="c@example.org"))
    assert replay.status_code == 400
    assert "already sent" in replay.content.decode()
    # Over the hourly limit for this client.
    over = client.post(URL, _data(email="d@example.org"))
    assert over.status_code == 400
    assert "several forms" in over.content.decode()
    assert Nomination.objects.count() == 2


def test_a_filled_honeypot_is_refused(client):
    response = client.post(URL, _data(website="https://spam.example"))
    assert response.status_code == 400
    assert not Nomination.objects.exists()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(
        st.sampled_from(sorted(_data(started="x"))),
        st.one_of(st.text(max_size=200), st.sampled_from(["\x00", "x" * 5000, "UT", "rural"])),
    )
)
def test_whatever_is_posted_never_fails(client, fields):
    before = Nomination.objects.count()
    response = client.post(URL, {**_data(), **fields})
    assert response.status_code in (302, 400)
    # Stored exactly when accepted; refused input shows the form again with its errors.
    assert Nomination.objects.count() - before == (1 if response.status_code == 302 else 0)
    if response.status_code == 400:
        assert response.context["form"].errors


# --- The coordinator's queue ---------------------------------------------------------


@pytest.fixture
def coordinator(db, client):
    sync_roles()
    client.force_login(staff_user("coordinator", MENTORSHIP_COORDINATOR))
    return client


def _nomination(**extra):
    StateFactory(code="UT")
    data = {k: v for k, v in _data().items() if k != "started"}
    item = Nomination.objects.create(**{**data, "language": "es", **extra})
    item.expertise.set([ExpertiseFactory(slug="huddles")])
    return item


def test_accept_makes_a_draft_mentor_profile(coordinator):
    item = _nomination()
    MentorFactory(slug="prairie-family-clinic")  # the address is taken: another is chosen
    response = coordinator.post(
        "/admin/mentorship/nomination/",
        {"action": "accept", "_selected_action": [item.pk]},
        follow=True,
    )
    assert "1 draft mentor profile made" in response.content.decode()
    item.refresh_from_db()
    mentor = item.mentor
    assert item.queue_status == QueueStatus.CLOSED
    assert mentor.status == Status.DRAFT
    assert not Mentor.objects.published().filter(pk=mentor.pk).exists()
    assert (mentor.kind, mentor.name, mentor.slug, mentor.state.code) == (
        MentorKind.PROMISING,
        "Prairie Family Clinic",
        "prairie-family-clinic-2",
        "UT",
    )
    # Written in Spanish, it fills the Spanish text; staff add the English.
    assert mentor.summary_es == "Huddles every morning cut our missed referrals by half."
    assert mentor.contact_email == "ana@example.org"
    assert [e.slug for e in mentor.expertise.all()] == ["huddles"]
    # The queue links to the draft; accepting again makes no second one.
    changelist = coordinator.get("/admin/mentorship/nomination/").content.decode()
    assert f"/admin/mentorship/mentor/{mentor.pk}/change/" in changelist
    coordinator.post(
        "/admin/mentorship/nomination/", {"action": "accept", "_selected_action": [item.pk]}
    )
    assert Mentor.objects.count() == 2


def test_the_queue_s_queries_do_not_grow_with_nominations(coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert coordinator.get("/admin/mentorship/nomination/").status_code == 200
        return len(captured.captured_queries)

    item = _nomination()
    item.accept()
    count()
    few = count()
    for n in range(15):
        _nomination(name=f"Clinic {n}").accept()
    assert count() == few


def test_accepting_needs_the_coordinator_role(db, client):
    sync_roles()
    item = _nomination()
    client.force_login(staff_user("editor", CONTENT_EDITOR))
    assert client.get("/admin/mentorship/nomination/").status_code == 403
    client.post(
        "/admin/mentorship/nomination/", {"action": "accept", "_selected_action": [item.pk]}
    )
    assert not Mentor.objects.exists()
