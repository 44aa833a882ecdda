import pytest

from mentorship.models import IntroductionRequest
from tests.mentorship.factories import (
    ContactFactory,
    InitiativeFactory,
    IntroductionRequestFactory,
    MentorFactory,
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["state", "mentor", "expertise", "introductionrequest", "assistancerequest"]
)
def test_every_mentorship_changelist_opens(admin_client, model):
    state = StateFactory(code="MN")
    TeamMemberFactory(state=state)
    QIPlanFactory(state=state)
    PromiseFactory(state=state)
    MentorFactory(state=state)
    IntroductionRequestFactory()
    assert admin_client.get(f"/admin/mentorship/{model}/").status_code == 200
    assert admin_client.get(f"/admin/mentorship/{model}/add/").status_code == 200


def test_state_change_form_has_the_team_plan_and_promise_inline(admin_client):
    state = StateFactory(code="MN")
    TeamMemberFactory(state=state)
    ContactFactory(state=state)
    InitiativeFactory(state=state)
    body = admin_client.get(f"/admin/mentorship/state/{state.pk}/change/").content.decode()
    for prefix in ["team_members", "qi_plan", "promise", "initiatives", "contacts"]:
        assert f'name="{prefix}-TOTAL_FORMS"' in body
    # Organizations, roles and sponsors are written in both languages, not three times.
    for field in [
        "team_members-0-organization",
        "contacts-0-role",
        "contacts-0-organization",
        "initiatives-0-sponsor",
    ]:
        assert f'name="{field}_en"' in body
        assert f'name="{field}_es"' in body
        assert f'name="{field}"' not in body


def test_queue_filters_by_status_and_assignee(admin_client, admin_user):
    mine = IntroductionRequestFactory(assignee=admin_user, queue_status="in_progress")
    IntroductionRequestFactory()
    response = admin_client.get(
        f"/admin/mentorship/introductionrequest/?queue_status=in_progress&assignee__id__exact={admin_user.pk}"
    )
    assert list(response.context["cl"].result_list) == [mine]


def test_staff_assign_requests_to_themselves(admin_client, admin_user):
    item = IntroductionRequestFactory()
    admin_client.post(
        "/admin/mentorship/introductionrequest/",
        {"action": "assign_to_me", "_selected_action": [item.pk]},
    )
    assert IntroductionRequest.objects.get().assignee == admin_user


def test_state_autocomplete_finds_a_state_by_its_name(admin_client):
    StateFactory(code="MN")
    StateFactory(code="TX")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "minne",
            "app_label": "mentorship",
            "model_name": "mentor",
            "field_name": "state",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Minnesota"]
