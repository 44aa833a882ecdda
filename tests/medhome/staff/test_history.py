"""Every change to curated content is recorded (who, when, what) and can be restored."""

import pytest
from django.urls import reverse

from medhome.models import Status
from medhome.staff.roles import CONTENT_EDITOR, PUBLISHER
from resources.models import Audience, Topic
from tests.medhome.staff.factories import QuestionFactory, ResourceFactory, staff_user

pytestmark = pytest.mark.usefixtures("roles")


def question_data(question, **changes):
    data = {
        "category": question.category_id,
        "question_en": question.question_en,
        "question_es": question.question_es,
        "slug": question.slug,
        "answer_en": question.answer_en,
        "answer_es": question.answer_es,
        "order": question.order,
        "status": question.status,
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "last_reviewed": "",
    }
    return {**data, **changes}


def test_a_change_in_the_admin_records_who_and_which_fields(client):
    question = QuestionFactory(status=Status.DRAFT, answer_es="Respuesta vieja.")
    editor = staff_user("eddie", CONTENT_EDITOR)
    client.force_login(editor)
    response = client.post(
        reverse("admin:faq_question_change", args=[question.pk]),
        question_data(question, answer_es="Respuesta nueva."),
    )
    assert response.status_code == 302
    latest, previous = question.history.all()[:2]
    assert latest.history_user == editor
    assert latest.history_type == "~"
    delta = latest.diff_against(previous)
    assert "answer_es" in delta.changed_fields
    change = next(c for c in delta.changes if c.field == "answer_es")
    assert (change.old, change.new) == ("Respuesta vieja.", "Respuesta nueva.")


def test_the_history_page_lists_the_changes_in_the_admin(client):
    question = QuestionFactory(status=Status.DRAFT, question_es="¿Antes?")
    question.question_es = "¿Después?"
    question.save()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    response = client.get(reverse("admin:faq_question_history", args=[question.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "¿Después?" in html
    assert "question_es" in html or "Question [es]" in html


def test_a_spanish_change_can_be_reverted_in_the_admin(client):
    resource = ResourceFactory(status=Status.DRAFT, summary_es="Resumen original.")
    original = resource.history.get()
    resource.summary_es = "Resumen equivocado."
    resource.save()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    url = reverse(
        "admin:resources_resource_simple_history", args=[resource.pk, original.history_id]
    )
    form = client.get(url).context["adminform"].form
    assert form.initial["summary_es"] == "Resumen original."
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"topics", "audiences", "publish_at"}
    }
    data |= {
        "resource_type": resource.resource_type_id,
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "published_on": "2025-03-01",
        "topics": [Topic.objects.create(slug="care-plans", name_en="Care plans").pk],
        "audiences": [Audience.objects.create(slug="families", name_en="Families").pk],
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource.refresh_from_db()
    assert resource.summary_es == "Resumen original."
    # The topics and audiences are those of that version too (it had none).
    assert not resource.topics.exists()
    assert not resource.audiences.exists()
    assert resource.history.count() >= 3


def test_an_editor_cannot_revert_to_a_published_version(client):
    question = QuestionFactory(status=Status.PUBLISHED)
    published = question.history.get()
    question.status = Status.DRAFT
    question.save()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    url = reverse("admin:faq_question_simple_history", args=[question.pk, published.history_id])
    response = client.post(url, question_data(question))
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.status == Status.DRAFT


def test_bulk_actions_enter_the_history_with_the_user(client):
    question = QuestionFactory(status=Status.DRAFT)
    publisher = staff_user("pat", PUBLISHER)
    client.force_login(publisher)
    client.post(
        reverse("admin:faq_question_changelist"),
        {"action": "publish", "_selected_action": [question.pk]},
    )
    latest = question.history.first()
    assert (latest.status, latest.history_user) == (Status.PUBLISHED, publisher)
