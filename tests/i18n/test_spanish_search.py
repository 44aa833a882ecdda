"""Spanish queries without accents find Spanish text with them, in each search box (PostgreSQL)."""

import re

import pytest

from tests.faq.factories import QuestionFactory
from tests.mentorship.factories import MentorFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_content():
    ResourceFactory(title_en="Team huddles", title_es="Reuniones para la coordinación")
    QuestionFactory(question_en="Who leads?", question_es="¿Quién dirige la coordinación?")
    MentorFactory(summary_en="Huddles.", summary_es="Enseña coordinación de la atención.")
    ResourceFactory(title_en="Payment", title_es="Pago por servicios")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/es/resources/?q=coordinacion", "Reuniones para la coordinación"),
        ("/es/faq/?q=coordinacion", "¿Quién dirige la coordinación?"),
        ("/es/mentors/?q=coordinacion", "Enseña coordinación de la atención."),
        ("/es/search/?q=COORDINACION", "Reuniones para la coordinación"),
    ],
)
def test_an_unaccented_spanish_query_finds_accented_spanish_content(
    client, spanish_content, path, expected
):
    html = re.sub(r"<[^>]+>", "", client.get(path).content.decode())
    assert expected in html
    assert "Pago por servicios" not in html


def test_a_state_name_typed_without_accents_finds_its_mentors(client):
    from tests.mentorship.factories import StateFactory

    MentorFactory(name="Clínica del Desierto", state=StateFactory(code="NM"))
    MentorFactory(name="Clínica del Norte", state=StateFactory(code="ND"))
    html = client.get("/es/mentors/?q=nuevo+mexico").content.decode()
    assert "Clínica del Desierto" in html
    assert "Clínica del Norte" not in html
