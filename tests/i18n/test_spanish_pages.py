"""Every public page type in /es/ speaks Spanish: interface, content, lang, dates.

Each page is read as a visitor reads it (text and labelling attributes, skipping
fragments marked lang="en"); known English interface words must not be there, and the
page's own Spanish interface text and Spanish content must be.
"""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from mentorship.forms import AssistanceRequestForm
from newsletter import tokens
from newsletter.models import SubscriberStatus
from tests.i18n.text import english_leaks, visible_text
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def es(msgid):
    """The Spanish catalogue's text for msgid (and proof that it is translated)."""
    with translation.override("es"):
        text = translation.gettext(msgid)
    assert text != msgid, f"not translated: {msgid!r}"
    return text


PAGES = {
    "home": ("/es/", ["Inicio", "Recursos"]),
    "about": ("/es/about/", ["Acerca del centro", "Unas palabras"]),
    "contact": ("/es/contact/", ["Contacto"]),
    "faq index": ("/es/faq/", ["¿Qué es un hogar médico?", "El modelo"]),
    "faq question": (
        "/es/faq/questions/what-is-a-medical-home/",
        ["¿Qué es un hogar médico?", "Una forma de dar atención primaria."],
    ),
    "faq category": ("/es/faq/model-of-care/", ["El modelo", "¿Qué es un hogar médico?"]),
    "faq search": ("/es/faq/?q=atencion", ["¿Qué es un hogar médico?"]),
    "faq search, none": ("/es/faq/?q=zzzzqq", [es("No questions match your search.")]),
    "resource list": (
        "/es/resources/",
        [es("Resources and tools"), "Herramienta de plan de cuidado", "marzo de 2025"],
    ),
    "resource list, filtered": (
        "/es/resources/?language=en&topic=nothing-such",
        [es("Resources and tools")],
    ),
    "resource list, empty": (
        "/es/resources/?q=zzzzqq",
        [es("Check the spelling, try a shorter or more general word, or search the whole site.")],
    ),
    "resource detail": (
        "/es/resources/care-plan-tool/",
        [
            "Herramienta de plan de cuidado",
            "Cómo funciona la coordinación.",
            "Abrir en inglés",
            "marzo de 2025",
        ],
    ),
    "audience: families": ("/es/resources/for/families/", []),
    "audience: clinicians": ("/es/resources/for/clinicians/", []),
    "audience: states": ("/es/resources/for/states/", []),
    "share a tool": ("/es/resources/share/", [es("Share a tool or update")]),
    "site search": ("/es/search/?q=coordinacion", [es("Search the portal")]),
    "site search, none": (
        "/es/search/?q=zzzzqq",
        [
            es(
                "Check the spelling, try a shorter or more general word, or browse the "
                "resources and questions."
            )
        ],
    ),
    "state map": ("/es/states/", [es("State mentorship map"), "Texas"]),
    "state table": ("/es/states/?view=table", [es("State mentorship map"), "Texas"]),
    "state page": ("/es/states/tx/", ["Las familias de Texas trabajan con las consultas."]),
    "mentor search": ("/es/mentors/", [es("Mentors"), "Una consulta que coordina bien"]),
    "mentor search, none": (
        "/es/mentors/?q=zzzzqq",
        [es("No mentor matches “%(query)s”.") % {"query": "zzzzqq"}],
    ),
    "mentor filters, none": (
        "/es/mentors/?kind=state&size=large",
        [es("No mentor matches these filters.")],
    ),
    "mentor profile": ("/es/mentors/valley-kids/", ["Hacen reuniones breves cada mañana."]),
    "match form": ("/es/mentors/match/", [es("Find mentors like my practice")]),
    "match results": (
        "/es/mentors/match/?state=TX&setting=private&community=urban",
        ["Valley Kids Clinic", "Una consulta que coordina bien"],
    ),
    "introduction form": ("/es/mentors/valley-kids/introduction/", ["Valley Kids Clinic"]),
    "assistance form": ("/es/assistance/", [es("Ask the center for help")]),
    "newsletter archive": (
        "/es/newsletter/",
        ["Planes de cuidado en el idioma de la familia", "1 de noviembre de 2026"],
    ),
    "newsletter issue": (
        "/es/newsletter/care-plans/",
        [
            "Planes de cuidado en el idioma de la familia",
            "Noticia del mes",
            "1 de noviembre de 2026",
        ],
    ),
    "newsletter thanks": ("/es/newsletter/thanks/", [es("Check your email")]),
    "newsletter bad link": (
        "/es/newsletter/confirm/not-a-token/",
        [es("This link does not work")],
    ),
}


@pytest.mark.parametrize(("path", "expected"), PAGES.values(), ids=PAGES.keys())
def test_each_public_page_type_in_spanish_has_spanish_interface_and_content(
    client, content, path, expected
):
    response = client.get(path)
    # A broken personal link answers 400 with its explanation; every other page 200.
    assert response.status_code == (400 if path == PAGES["newsletter bad link"][0] else 200)
    html = response.content.decode()
    assert '<html lang="es"' in html
    text = visible_text(html)
    for phrase in expected:
        assert phrase in text
    assert english_leaks(html) == []


@pytest.mark.parametrize(
    ("name", "status", "heading"),
    [
        ("confirm", SubscriberStatus.PENDING, "Confirm your subscription"),
        ("preferences", SubscriberStatus.CONFIRMED, "Your newsletter preferences"),
        ("unsubscribe", SubscriberStatus.CONFIRMED, "Unsubscribe"),
    ],
)
def test_the_newsletter_token_pages_are_in_spanish(client, content, name, status, heading):
    subscriber = SubscriberFactory(status=status, language="es")
    with translation.override("es"):
        path = reverse(
            f"newsletter:{name}", args=[tokens.make(subscriber, getattr(tokens, name.upper()))]
        )
    html = client.get(path).content.decode()
    assert '<html lang="es"' in html
    assert es(heading) in visible_text(html)
    assert english_leaks(html) == []


@pytest.mark.parametrize(
    "path",
    ["/es/resources/share/", "/es/assistance/", "/es/mentors/valley-kids/introduction/"],
)
def test_a_spanish_form_sent_empty_explains_its_errors_in_spanish(client, content, path):
    response = client.post(path, {"started": AssistanceRequestForm().initial["started"]})
    html = response.content.decode()
    text = visible_text(html)
    # The share form answers 200 with its errors; the other forms 400.
    assert response.status_code == (200 if path == "/es/resources/share/" else 400)
    assert es("Please correct the following") in text
    assert "This field is required" not in text
    assert english_leaks(html) == []


def test_the_404_page_in_spanish_is_spanish(client, content):
    response = client.get("/es/resources/no-such-resource/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="es"' in html
    assert es("We could not find that page") in visible_text(html)
    assert english_leaks(html) == []


def test_the_500_page_in_spanish_is_spanish(rf):
    from medhome.views import server_error

    request = rf.get("/es/")
    with translation.override("es"):
        html = server_error(request).content.decode()
    assert '<html lang="es"' in html
    assert es("Something went wrong on our side") in visible_text(html)
    assert english_leaks(html) == []


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/es/resources/feed/", "Recursos nuevos del Portal del Hogar Médico"),
        ("/es/newsletter/feed/", "El boletín del Centro Nacional"),
    ],
)
def test_the_feeds_in_spanish_have_spanish_titles_and_items(client, content, path, title):
    xml = client.get(path).content.decode()
    assert 'xml:lang="es"' in xml
    assert title in xml
    assert "The newsletter of" not in xml
    assert "Herramienta de plan de cuidado" in xml or "Planes de cuidado" in xml


def started():
    return AssistanceRequestForm().initial["started"]


def test_the_newsletter_confirmation_email_to_a_spanish_reader_is_in_spanish(client, content):
    data = {"email": "lectora@example.org", "language": "es", "started": started()}
    client.post("/es/newsletter/", data)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Confirme su suscripción")
    assert "Alguien, probablemente usted, pidió recibir" in message.body
    assert english_leaks(message.body) == []


@pytest.mark.parametrize(
    ("path", "data", "greeting"),
    [
        (
            "/es/assistance/",
            {"kind": "recognition", "state": "TX", "message": "¿Cómo nos preparamos?"},
            "Gracias",
        ),
        (
            "/es/mentors/valley-kids/introduction/",
            {"organization": "Consultorio del Valle", "message": "Queremos aprender."},
            "Gracias",
        ),
    ],
)
def test_a_request_confirmation_email_to_a_spanish_visitor_is_in_spanish(
    client, content, path, data, greeting
):
    data = {"name": "Ana Ruiz", "email": "ana@example.org", "started": started(), **data}
    response = client.post(path, data)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert greeting in message.body
    assert "Hello" not in message.body
    assert "Thank you" not in message.body
    assert english_leaks(message.body) == []
