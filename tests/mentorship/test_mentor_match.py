"""Matching a practice with mentors like it (/mentors/match/)."""

import pytest
from django.urls import reverse

from tests.mentorship.factories import (
    ExpertiseFactory,
    MentorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_match_form_without_answers_shows_the_form(client, mentors):
    response = client.get("/en/mentors/match/")
    assert response.status_code == 200
    assert response.context["results"] is None


def test_match_ranks_the_peer_first_and_says_why(client, mentors):
    response = client.get(
        "/en/mentors/match/?setting=fqhc&community=rural&needs=care-coordination"
    )
    results = response.context["results"]
    assert results[0][0].name == "Prairie Clinic"
    body = response.content.decode()
    assert "same setting; rural; expertise in care coordination" in body
    assert "Draft Practice" not in body
    intro = reverse("mentorship:introduction", args=[mentors["rural"].slug])
    assert f'href="{intro}?setting=fqhc&amp;community=rural&amp;needs=care-coordination"' in body


def test_match_with_empty_answers_lists_nobody(client, mentors):
    response = client.get("/en/mentors/match/?setting=&community=")
    assert response.context["results"] == []
    assert "No mentor matched yet." in response.content.decode()


@pytest.mark.parametrize(
    "query", ["setting=castle", "needs=unknown", "state=%00", "populations=x"]
)
def test_match_with_bad_answers_shows_errors(client, mentors, query):
    response = client.get(f"/en/mentors/match/?{query}")
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "Please correct the following" in response.content.decode()


def test_match_query_count_is_constant(client, mentors, django_assert_num_queries):
    url = "/en/mentors/match/?setting=fqhc&needs=care-coordination"
    # the needs chosen (form validation); published mentors with their state; their
    # expertise; the expertise choices of the form; the demo marker.
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(6):
        client.get(url)
    area = ExpertiseFactory()
    for _ in range(20):
        MentorFactory(setting="fqhc", state=mentors["rural"].state, expertise=[area])
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["results"]) == 10
