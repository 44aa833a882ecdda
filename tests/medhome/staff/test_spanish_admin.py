"""The admin in Spanish: every app, model, role, choice and blank label, and state names.

Also the server-side half of the admin's accessibility: controls that axe checks in
the browser (tests/medhome/staff/test_admin_accessibility.py) are named without JavaScript.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from medhome.staff.roles import PUBLISHER, sync_roles
from tests.mentorship.factories import StateFactory, TeamMemberFactory
from tests.resources.factories import TopicFactory

pytestmark = pytest.mark.django_db

ENGLISH_ONLY = [
    "Tasks Database Backend",
    "Task Results",
    "Otp_Totp",
    "Otp_Static",
    "TOTP device",
    ">Axes<",
    ">Publisher<",
    ">Content editor<",
]


def spanish(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    return response.content.decode()


def test_the_spanish_admin_index_names_every_app_and_model_in_spanish(admin_client):
    html = spanish(admin_client, reverse("admin:index"))
    for english in ENGLISH_ONLY:
        assert english not in html
    for name in (
        "Tareas en segundo plano",
        "Bloqueos de inicio de sesión",
        "Aplicaciones de autenticación",
        "Códigos de recuperación",
        "Estados y territorios",
    ):
        assert name in html


def test_role_names_are_spanish_where_groups_are_listed(admin_client, admin_user):
    sync_roles()
    html = spanish(admin_client, reverse("admin:auth_group_changelist"))
    assert "Responsable de publicación" in html
    assert ">Publisher<" not in html
    html = spanish(admin_client, reverse("admin:auth_user_change", args=[admin_user.pk]))
    assert "Editor de contenidos" in html
    # Stored in English: the role is found by its name whatever the language.
    assert Group.objects.filter(name=PUBLISHER).exists()


def test_blank_choices_and_state_names_are_spanish(admin_client):
    html = spanish(admin_client, reverse("admin:resources_resource_add"))
    assert "- Elija una opción -" in html
    assert "- Select an option -" not in html
    assert '<option value="HI">Hawái</option>' in html
    html = spanish(admin_client, reverse("admin:mentorship_state_add"))
    assert '<option value="LA">Luisiana</option>' in html
    english = admin_client.get(reverse("admin:mentorship_state_add")).content.decode()
    assert '<option value="LA">Louisiana</option>' in english


def test_the_state_list_names_its_columns_once(admin_client):
    StateFactory(code="VT")
    html = admin_client.get(reverse("admin:mentorship_state_changelist")).content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>.*?</th>', html, re.S)
    texts = [re.sub(r"<[^>]+>|\s+", " ", h).strip().lower() for h in headers]
    assert sum("state or territory" in text for text in texts) == 1, texts


def test_inline_and_list_fields_have_names_without_javascript(admin_client):
    member = TeamMemberFactory(name="Ana Ruiz")
    html = admin_client.get(
        reverse("admin:mentorship_state_change", args=[member.state.pk])
    ).content.decode()
    for field in ("name", "organization_en", "organization_es", "order", "role", "DELETE"):
        assert re.search(rf'<label class="visually-hidden" for="id_team_members-0-{field}">', html)
    topic = TopicFactory(name_en="Care plans")
    html = admin_client.get(reverse("admin:resources_topic_changelist")).content.decode()
    assert f'aria-label="Order: {topic}"' in html


def test_translated_fields_are_side_by_side_not_tabs(admin_client):
    html = admin_client.get(reverse("admin:faq_category_add")).content.decode()
    assert 'for="id_name_en"' in html
    assert 'for="id_name_es"' in html
    assert "ui-tabs" not in html
    assert "modeltranslation-main-switch" not in html


def test_the_sign_in_page_has_one_heading(client):
    html = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
