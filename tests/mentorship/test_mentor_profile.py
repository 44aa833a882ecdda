"""A mentor's profile page (/mentors/<slug>/)."""

import pytest

from medhome.models import Status
from tests.mentorship.factories import (
    ExpertiseFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


def test_mentor_profile_shows_published_tools_only(client, mentors):
    mentor = mentors["rural"]
    mentor.tools.set([ResourceFactory(title_en="Care plan template"),
                      ResourceFactory(title_en="Unfinished tool", status=Status.DRAFT)])  # fmt: skip
    body = client.get(mentor.get_absolute_url()).content.decode()
    assert "Care plan template" in body
    assert "Unfinished tool" not in body
    assert "Care coordination" in body


def test_a_draft_mentor_is_hidden_from_the_public(client, admin_client, mentors):
    url = mentors["draft"].get_absolute_url()
    assert client.get(url).status_code == 404
    assert admin_client.get(url).status_code == 200


def test_mentor_profile_query_count_is_constant(client, mentors, django_assert_num_queries):
    mentor = mentors["rural"]
    mentor.tools.set([ResourceFactory()])
    # the mentor with its state; its expertise; its published tools; the demo marker.
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        client.get(mentor.get_absolute_url())
    mentor.tools.add(*[ResourceFactory() for _ in range(10)])
    mentor.expertise.add(*[ExpertiseFactory() for _ in range(10)])
    with django_assert_num_queries(5):
        client.get(mentor.get_absolute_url())
