"""StateFilter.for_request: the one set-up of the map's filters (map, table, CSV, JSON)."""

import pytest
from django.test import RequestFactory

from medhome.models import Status
from mentorship.filters import StateFilter
from tests.mentorship.factories import StateFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def states():
    TeamMemberFactory(state=StateFactory(code="MN"))
    StateFactory(code="WI")
    StateFactory(code="IA", status=Status.DRAFT)


def _codes(query):
    filterset = StateFilter.for_request(RequestFactory().get("/", query))
    return sorted(s.code for s in filterset.states), filterset.active_count


def test_no_query_gives_every_published_state_and_no_active_filter(states):
    assert _codes({}) == (["MN", "WI"], 0)


def test_a_chosen_filter_narrows_and_counts(states):
    assert _codes({"team": "yes"}) == (["MN"], 1)
    assert _codes({"team": "no", "promise": "no"}) == (["WI"], 2)


def test_parameters_that_are_not_filters_count_for_nothing(states):
    assert _codes({"view": "table"}) == (["MN", "WI"], 0)


def test_an_invalid_choice_shows_every_state_and_counts_nothing(states):
    assert _codes({"team": "maybe", "promise": "yes"}) == (["MN", "WI"], 0)
