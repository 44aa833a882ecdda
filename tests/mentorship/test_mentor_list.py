"""The mentor list (/mentors/) with its filters and search."""

import pytest

from tests.mentorship.factories import (
    ExpertiseFactory,
    MentorFactory,
)

pytestmark = pytest.mark.django_db


def _names(response):
    return sorted(m.name for m in response.context["mentors"])


@pytest.mark.smoke
def test_mentor_list_shows_published_mentors(client, mentors):
    response = client.get("/en/mentors/")
    assert response.status_code == 200
    assert _names(response) == ["City Kids", "Prairie Clinic", "Title V Team"]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("kind=promising", ["City Kids"]),
        ("state=MN", ["Prairie Clinic"]),
        ("setting=fqhc", ["Prairie Clinic"]),
        ("community=statewide", ["Title V Team"]),
        ("size=small", ["Prairie Clinic"]),
        ("expertise=care-coordination", ["Prairie Clinic"]),
        ("q=prairie", ["Prairie Clinic"]),
        ("q=minnesota", ["Prairie Clinic"]),
        ("q=draft", []),
    ],
)
def test_mentor_filters(client, mentors, query, names):
    assert _names(client.get(f"/en/mentors/?{query}")) == names


@pytest.mark.smoke
@pytest.mark.parametrize(
    "query",
    [
        "kind=wizard",
        "expertise=nope",
        "page=999",
        "page=abc",
        "q=%00",
        "q=" + "é" * 300,
        "state=zz",
    ],
)
def test_odd_mentor_parameters_give_a_normal_page(client, mentors, query):
    # Unknown choices are ignored and a page out of range shows the last one (lenient).
    response = client.get(f"/en/mentors/?{query}")
    assert response.status_code == 200
    assert "mentors" in response.context


def test_mentor_list_query_count_is_constant(client, mentors, django_assert_num_queries):
    # count; the page of mentors with their state; their expertise; the expertise
    # choices of the filter form; the demo marker.
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(6):
        client.get("/en/mentors/?setting=fqhc")
    area = ExpertiseFactory()
    for _ in range(30):
        MentorFactory(setting="fqhc", state=mentors["rural"].state, expertise=[area])
    with django_assert_num_queries(6):
        response = client.get("/en/mentors/?setting=fqhc")
    assert len(response.context["mentors"]) == 12
