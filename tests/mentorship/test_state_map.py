"""The state map and its table (/states/), and the map's band on the home page."""

import pytest
from django.utils import translation

from medhome import jurisdictions
from mentorship.models import PlanKind
from tests.mentorship.helpers import MAP, make_state

pytestmark = pytest.mark.django_db


def _tile_codes(response):
    return [state.code for _, state in response.context["tiles"] if state]


@pytest.mark.smoke
def test_map_shows_every_jurisdiction_as_a_tile(client, some_states):
    response = client.get(MAP)
    assert response.status_code == 200
    assert len(response.context["tiles"]) == len(jurisdictions.JURISDICTIONS) == 59
    assert response.content.decode().count('class="tile-cell') == 59


def test_map_links_published_states_only(client, some_states):
    response = client.get(MAP)
    assert sorted(_tile_codes(response)) == ["GU", "IA", "MN", "TX", "WI"]
    assert b'href="/en/states/mn/"' in response.content
    assert b'href="/en/states/or/"' not in response.content


def test_map_counts_agree_with_the_data(client, some_states):
    response = client.get(MAP)
    summary = response.context["summary"]
    assert summary["total"] == 5
    assert (summary["team"], summary["plan"], summary["promise"]) == (3, 2, 2)
    assert "3 states have a state team" in response.content.decode()
    assert "2 states have made a Promise to the State" in response.content.decode()


def test_a_count_of_one_uses_the_singular(client):
    make_state("MN", team=True)
    assert "1 state has a state team" in client.get(MAP).content.decode()


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("team=yes", ["IA", "MN", "WI"]),
        ("team=no", ["GU", "TX"]),
        ("qi_plan=any", ["MN", "WI"]),
        ("qi_plan=epic", ["MN"]),
        ("qi_plan=learning_collaborative", ["WI"]),
        ("qi_plan=none", ["GU", "IA", "TX"]),
        ("promise=yes", ["MN", "TX"]),
        ("promise=no", ["GU", "IA", "WI"]),
        ("team=yes&promise=yes", ["MN"]),
    ],
)
def test_map_filters_agree_with_the_data(client, some_states, query, codes):
    response = client.get(f"{MAP}?{query}")
    assert sorted(_tile_codes(response)) == codes
    assert sorted(s.code for s in response.context["states"]) == codes
    table = client.get(f"{MAP}?{query}&view=table")
    assert sorted(s.code for s in table.context["states"]) == codes


def test_table_and_map_show_the_same_jurisdictions(client, some_states):
    tiles = set(_tile_codes(client.get(MAP)))
    table = client.get(f"{MAP}?view=table").content.decode()
    assert "<table" in table
    for state in some_states:
        link = f'href="/en/states/{state.code.lower()}/"'
        assert (link in table) == (state.code in tiles)


@pytest.mark.smoke
@pytest.mark.parametrize(
    "query",
    [
        "team=maybe",
        "qi_plan=%00",
        "promise=" + "x" * 5000,
        "view=nonsense",
        "qi_plan=😀",
        "page=-1",
    ],
)
def test_odd_map_parameters_give_a_normal_page(client, some_states, query):
    response = client.get(f"{MAP}?{query}")
    assert response.status_code == 200


def test_invalid_filter_shows_the_error_and_all_states(client, some_states):
    response = client.get(f"{MAP}?team=maybe")
    assert "Select a valid choice" in response.content.decode()
    assert len(_tile_codes(response)) == 5


def test_spanish_counts_use_spanish_plurals(client, some_states):
    body = client.get("/es/states/").content.decode()
    assert "3 estados tienen un equipo estatal" in body
    assert "5 estados y territorios" in body
    make_state("PR", team=True)
    assert (
        "1 de 6 estados y territorios coincide"
        in client.get("/es/states/?team=yes&promise=yes").content.decode()
    )


def test_home_band_shows_the_map_summary(some_states):
    from django.template import Context, Template

    with translation.override("en"):
        html = Template("{% load mentorship_tags %}{% state_map_band %}").render(Context())
    assert "3 states have a state team" in html
    assert 'href="/en/states/"' in html


def test_map_query_count_is_constant(client, django_assert_num_queries):
    for code in ["MN", "WI", "IA"]:
        make_state(code, team=True, plan=PlanKind.EPIC, promise=True)
    # 1 the filtered states with their plan, promise and team flag; 1 the summary counts;
    # 1 the dated steps ("What changed over time"); 1 the demo marker for the notice.
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        client.get(f"{MAP}?team=yes")
    for j in [j for j in jurisdictions.JURISDICTIONS if j.code not in {"MN", "WI", "IA"}][:31]:
        make_state(j.code, team=True, plan=PlanKind.OTHER, promise=True)
    with django_assert_num_queries(5):
        response = client.get(f"{MAP}?team=yes")
    assert len(response.context["states"]) == 34


def test_table_query_count_is_constant(client, django_assert_num_queries):
    for code in ["MN", "WI", "IA"]:
        make_state(code, team=True, plan=PlanKind.EPIC, promise=True)
    # Same four queries as the map: states, summary counts, dated steps, demo marker.
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        client.get(f"{MAP}?view=table")
    for j in [j for j in jurisdictions.JURISDICTIONS if j.code not in {"MN", "WI", "IA"}][:31]:
        make_state(j.code, team=True, plan=PlanKind.OTHER, promise=True)
    with django_assert_num_queries(5):
        client.get(f"{MAP}?view=table&qi_plan=any")
