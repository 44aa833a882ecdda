"""A state's page (/states/<code>/): team, QI plan, promise, initiatives, contacts."""

import pytest

from medhome.models import Status
from mentorship.models import PlanKind
from tests.mentorship.factories import (
    ContactFactory,
    InitiativeFactory,
    MentorFactory,
    ResourceFactory,
    StateFactory,
    TeamMemberFactory,
)
from tests.mentorship.helpers import make_state

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_state_page_shows_team_plan_promise_initiatives_and_contacts(client):
    state = make_state("MN", team=True, plan=PlanKind.EPIC, promise=True)
    InitiativeFactory(state=state, title_en="Rural care coordination pilot", sponsor="Medicaid")
    ContactFactory(state=state, name="Pat Lee")
    MentorFactory(state=state, name="North Star Pediatrics")
    MentorFactory(state=state, name="Hidden Draft Clinic", status=Status.DRAFT)
    ResourceFactory(state="MN", title_en="Minnesota care map")
    ResourceFactory(state="MN", title_en="Draft map", status=Status.DRAFT)
    response = client.get("/en/states/mn/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in ["Minnesota", "EPIC model", "Train care coordinators", "Rural care coordination pilot",
                 "Pat Lee", "North Star Pediatrics", "Minnesota care map"]:  # fmt: skip
        assert text in body
    assert "Hidden Draft Clinic" not in body
    assert "Draft map" not in body


def test_a_plan_or_promise_without_a_document_says_so(client):
    make_state("MN", plan=PlanKind.EPIC, promise=True)
    body = client.get("/en/states/mn/").content.decode()
    assert "The plan document is not yet available." in body
    assert "The promise document is not yet available." in body
    assert 'href=""' not in body


def test_state_page_in_spanish(client):
    make_state("MN", promise=True)
    body = client.get("/es/states/mn/").content.decode()
    assert "Formar coordinadores de atención" in body


@pytest.mark.smoke
@pytest.mark.parametrize("code", ["zz", "m", "minnesota", "00", "%F0%9F%98%80"])
def test_unknown_state_codes_are_not_found(client, code):
    StateFactory(code="MN")
    assert client.get(f"/en/states/{code}/").status_code == 404


def test_an_uppercase_code_redirects_to_the_lowercase_address(client):
    StateFactory(code="MN")
    response = client.get("/en/states/MN/")
    assert response.status_code == 301
    assert response["Location"] == "/en/states/mn/"


def test_an_unpublished_state_is_hidden_from_the_public_but_staff_preview_it(client, admin_client):
    StateFactory(code="MN", status=Status.DRAFT)
    assert client.get("/en/states/mn/").status_code == 404
    response = admin_client.get("/en/states/mn/")
    assert response.status_code == 200
    assert "only staff can see this page" in response.content.decode()


def test_state_page_query_count_is_constant(client, django_assert_num_queries):
    state = make_state("MN", team=True, plan=PlanKind.EPIC, promise=True)
    InitiativeFactory(state=state)
    ContactFactory(state=state)
    MentorFactory(state=state)
    ResourceFactory(state="MN")
    # state with plan and promise, team, initiatives, contacts, mentors, resources, demo marker
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(8):
        client.get("/en/states/mn/")
    for _ in range(10):
        TeamMemberFactory(state=state)
        InitiativeFactory(state=state)
        ContactFactory(state=state)
        MentorFactory(state=state)
        ResourceFactory(state="MN")
    with django_assert_num_queries(8):
        client.get("/en/states/mn/")
