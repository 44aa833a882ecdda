"""One published object of each public page type, curated text in both languages."""

import datetime

import pytest

from medhome.models import Status
from mentorship.models import MentorKind
from tests.factories import PageFactory
from tests.faq.factories import CategoryFactory, QuestionFactory
from tests.mentorship.factories import MentorFactory, StateFactory
from tests.newsletter.factories import IssueFactory, IssueSectionFactory
from tests.resources.factories import ResourceFactory


@pytest.fixture
def content(db):

    PageFactory(slug="about", title_en="About the center", title_es="Acerca del centro")
    PageFactory(slug="contact", title_en="Contact", title_es="Contacto")
    category = CategoryFactory(slug="model-of-care", name_en="The model", name_es="El modelo")
    question = QuestionFactory(
        category=category,
        slug="what-is-a-medical-home",
        question_en="What is a medical home?",
        question_es="¿Qué es un hogar médico?",
        answer_en="A way of giving primary care.",
        answer_es="Una forma de dar atención primaria.",
    )
    resource = ResourceFactory(
        slug="care-plan-tool",
        title_en="Care plan tool",
        title_es="Herramienta de plan de cuidado",
        summary_en="Write a shared care plan.",
        summary_es="Escriba un plan de cuidado compartido.",
        body_en="How the coordination works.",
        body_es="Cómo funciona la coordinación.",
        published_on=datetime.date(2025, 3, 1),
    )
    state = StateFactory(
        code="TX", overview_es="Las familias de Texas trabajan con las consultas."
    )
    mentor = MentorFactory(
        slug="valley-kids",
        name="Valley Kids Clinic",
        kind=MentorKind.PRACTICE,
        state=state,
        summary_es="Una consulta que coordina bien la atención.",
        description_en="They run huddles.",
        description_es="Hacen reuniones breves cada mañana.",
    )
    issue = IssueFactory(
        slug="care-plans",
        title_es="Planes de cuidado en el idioma de la familia",
        issue_date=datetime.date(2026, 11, 1),
    )
    IssueSectionFactory(
        issue=issue, heading_es="Noticia del mes", text_es="Unas palabras sobre esto."
    )
    return {
        "category": category,
        "question": question,
        "resource": resource,
        "state": state,
        "mentor": mentor,
        "issue": issue,
        "status": Status.PUBLISHED,
    }
