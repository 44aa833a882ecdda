"""Each role can do its job through the admin, and nothing else."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from faq.models import Question
from medhome.models import Status
from medhome.staff.roles import (
    ADMINISTRATOR,
    CONTENT_EDITOR,
    MENTORSHIP_COORDINATOR,
    NEWSLETTER_MANAGER,
    PUBLISHER,
    ROLES,
    sync_roles,
)
from resources.models import Resource
from tests.medhome.staff.factories import (
    CategoryFactory,
    QuestionFactory,
    ResourceFactory,
    staff_user,
)

pytestmark = pytest.mark.usefixtures("roles")


def question_form(category, status, **extra):
    return {
        "category": category.pk,
        "question_en": "How do I find a medical home?",
        "question_es": "¿Cómo encuentro un hogar médico?",
        "slug": "find-a-medical-home",
        "answer_en": "Ask your clinic.",
        "answer_es": "Pregunte en su clínica.",
        "order": 0,
        "status": status,
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "last_reviewed": "",
        **extra,
    }


def actions_offered(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [name for name, _label in response.context["action_form"].fields["action"].choices]


def test_the_data_migration_created_every_role_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_sync_skips_models_that_do_not_exist_and_is_repeatable():
    sync_roles()
    sync_roles()
    coordinator = Group.objects.get(name=MENTORSHIP_COORDINATOR)
    # No mentorship models in this branch: only the view permission on resources.
    assert set(coordinator.permissions.values_list("codename", flat=True)) >= {"view_resource"}
    assert not coordinator.permissions.filter(content_type__app_label="faq").exists()


def test_curated_models_have_a_publish_permission():
    assert Permission.objects.filter(codename="publish_resource").exists()
    assert Permission.objects.filter(codename="publish_question").exists()


def test_content_editor_can_add_a_draft_question(client):
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    category = CategoryFactory()
    response = client.post(
        reverse("admin:faq_question_add"), question_form(category, Status.DRAFT)
    )
    assert response.status_code == 302
    assert Question.objects.get().status == Status.DRAFT


def test_content_editor_cannot_publish_through_the_change_form(client):
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    category = CategoryFactory()
    form = client.get(reverse("admin:faq_question_add")).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]
    response = client.post(
        reverse("admin:faq_question_add"), question_form(category, Status.PUBLISHED)
    )
    assert response.status_code == 200  # the form again, with an error
    assert "status" in response.context["adminform"].form.errors
    assert not Question.objects.exists()


def test_content_editor_cannot_unpublish_a_published_question(client):
    question = QuestionFactory(status=Status.PUBLISHED)
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    url = reverse("admin:faq_question_change", args=[question.pk])
    form = client.get(url).context["adminform"].form
    assert "status" not in form.fields  # shown read-only
    client.post(url, question_form(question.category, Status.DRAFT, slug=question.slug))
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED


def test_content_editor_does_not_get_the_publish_and_archive_actions(client):
    QuestionFactory(status=Status.DRAFT)
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    actions = actions_offered(client, reverse("admin:faq_question_changelist"))
    assert "mark_reviewed" in actions
    assert "publish" not in actions
    assert "archive" not in actions


def test_content_editor_posting_the_publish_action_anyway_publishes_nothing(client):
    question = QuestionFactory(status=Status.DRAFT)
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    client.post(
        reverse("admin:faq_question_changelist"),
        {"action": "publish", "_selected_action": [question.pk]},
    )
    question.refresh_from_db()
    assert question.status == Status.DRAFT


def test_publisher_can_publish_and_archive(client):
    draft, old = QuestionFactory(status=Status.DRAFT), QuestionFactory(status=Status.PUBLISHED)
    client.force_login(staff_user("pat", PUBLISHER))
    url = reverse("admin:faq_question_changelist")
    assert {"publish", "archive"} <= set(actions_offered(client, url))
    client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    client.post(url, {"action": "archive", "_selected_action": [old.pk]})
    draft.refresh_from_db()
    old.refresh_from_db()
    assert (draft.status, old.status) == (Status.PUBLISHED, Status.ARCHIVED)


def test_publisher_can_publish_through_the_change_form(client):
    client.force_login(staff_user("pat", PUBLISHER))
    category = CategoryFactory()
    response = client.post(
        reverse("admin:faq_question_add"), question_form(category, Status.PUBLISHED)
    )
    assert response.status_code == 302
    assert Question.objects.get().status == Status.PUBLISHED


@pytest.mark.parametrize("role", [NEWSLETTER_MANAGER, MENTORSHIP_COORDINATOR])
def test_newsletter_manager_and_coordinator_may_view_but_not_edit_resources(client, role):
    resource = ResourceFactory(title_en="Care plan toolkit")
    client.force_login(staff_user("nina", role))
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    assert client.get(url).status_code == 200  # read-only, for autocomplete and links
    response = client.post(url, {"title_en": "Changed"})
    assert response.status_code == 403
    assert Resource.objects.get().title_en == "Care plan toolkit"
    assert client.get(reverse("admin:faq_question_changelist")).status_code == 403


@pytest.mark.parametrize(
    "role", [CONTENT_EDITOR, PUBLISHER, MENTORSHIP_COORDINATOR, NEWSLETTER_MANAGER]
)
def test_nobody_but_administrators_manages_users(client, role):
    client.force_login(staff_user("someone", role))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "intruder", "password1": "x-Long-pass-1", "password2": "x-Long-pass-1"},
    )
    assert response.status_code == 403


def test_administrator_manages_users_and_publishes(client):
    client.force_login(staff_user("ada", ADMINISTRATOR))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newstaff",
            "usable_password": "true",
            "password1": "x-Long-pass-1",
            "password2": "x-Long-pass-1",
        },
    )
    assert response.status_code == 302
    assert {"publish", "archive"} <= set(
        actions_offered(client, reverse("admin:faq_question_changelist"))
    )


def test_the_local_role_accounts_command_makes_one_staff_user_per_role(settings):
    from io import StringIO

    from django.contrib.auth.models import User
    from django.core.management import call_command

    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_role_users", stdout=out)
    call_command("ensure_role_users", stdout=out)  # idempotent
    editor = User.objects.get(username="editor")
    assert (editor.is_staff, editor.is_superuser) == (True, False)
    assert list(editor.groups.values_list("name", flat=True)) == [CONTENT_EDITOR]
    assert User.objects.filter(groups__name__in=ROLES).count() == len(ROLES)


def test_content_editor_sends_a_draft_for_review_and_a_publisher_publishes_it(client):
    question = QuestionFactory(status=Status.DRAFT)
    url = reverse("admin:faq_question_change", args=[question.pk])
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    data = question_form(question.category, Status.REVIEW, slug=question.slug)
    assert client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.status == Status.REVIEW
    client.force_login(staff_user("pat", PUBLISHER))
    data = question_form(question.category, Status.PUBLISHED, slug=question.slug)
    assert client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED
    assert [h.status for h in question.history.all()] == ["published", "review", "draft"]
