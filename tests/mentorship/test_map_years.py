"""The map and its table as of a year: when each state formed its team, adopted its plan
and made its promise; the year filter (?year=2024) and its bad values."""

import csv
import io

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentorship.models import PlanKind, State
from tests.mentorship.factories import (
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db
MAP = "/en/states/"


def _state(code, team=None, plan=None, promise=None):
    """A state whose team formed in `team`, plan adopted in `plan`, promise made in `promise`
    (a year, or "?" for one without a year, or None for none at all)."""
    state = StateFactory(code=code, team_formed=team if team != "?" else None)
    if team:
        TeamMemberFactory(state=state)
    if plan:
        QIPlanFactory(state=state, kind=PlanKind.EPIC, adopted_in=plan if plan != "?" else None)
    if promise:
        PromiseFactory(state=state, made_in=promise if promise != "?" else None)
    return state


@pytest.fixture
def history():
    return [
        _state("MN", team=2008, plan=2012, promise=2020),
        _state("WI", team=2016, plan=2024),
        _state("IA", team="?"),  # a team without a year
        _state("TX", promise=2025),
    ]


def test_as_of_a_year_counts_only_what_existed_by_its_end(history):
    published = State.objects.published()
    assert published.map_summary()[("team")] == 3
    summary = published.map_summary(2016)
    assert (summary["team"], summary["plan"], summary["promise"]) == (2, 1, 0)
    summary = published.map_summary(2007)
    assert (summary["team"], summary["plan"], summary["promise"]) == (0, 0, 0)
    # Today counts a team without a year; a past year cannot know, so it does not.
    assert published.map_summary(timezone.now().year)["team"] == 2


def test_milestones_list_dated_steps_oldest_first(history):
    steps = [(m.year, m.what, m.state.code) for m in State.objects.published().milestones()]
    assert steps == [
        (2008, "team", "MN"), (2012, "plan", "MN"), (2016, "team", "WI"),
        (2020, "promise", "MN"), (2024, "plan", "WI"), (2025, "promise", "TX"),
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "es"])
def test_map_as_of_a_year_shows_that_years_marks_and_counts(client, history, lang):
    response = client.get(f"/{lang}/states/?year=2016")
    assert response.status_code == 200
    by_code = {s.code: s for s in response.context["states"]}
    assert (by_code["MN"].has_team, by_code["MN"].has_plan, by_code["MN"].has_promise) == (
        True, True, False,
    )  # fmt: skip
    assert (by_code["WI"].has_team, by_code["WI"].has_plan) == (True, False)
    assert not by_code["IA"].has_team
    html = response.content.decode()
    expected = {
        "en": ["As of the end of 2016:", "2 states have a state team", "by the end of 2016"],
        "es": ["Al final de 2016:", "2 estados tienen un equipo estatal", "al final de 2016"],
    }[lang]
    for text in expected:
        assert text in html
    # The select keeps the year chosen.
    assert '<option value="2016" selected>2016</option>' in html


def test_other_filters_follow_the_year(client, history):
    response = client.get(f"{MAP}?year=2016&qi_plan=any")
    assert [s.code for s in response.context["states"]] == ["MN"]
    response = client.get(f"{MAP}?year=2023&team=no")
    assert sorted(s.code for s in response.context["states"]) == ["IA", "TX"]
    response = client.get(f"{MAP}?year=2025&promise=yes")
    assert sorted(s.code for s in response.context["states"]) == ["MN", "TX"]


def test_table_shows_the_years_and_follows_the_year_filter(client, history):
    html = client.get(f"{MAP}?view=table").content.decode()
    assert "Yes, since 2008" in html
    assert "made in 2020" in html
    html = client.get(f"{MAP}?view=table&year=2012").content.decode()
    assert "(as of the end of 2012)" in html
    assert "made in 2020" not in html
    assert "Yes, since 2016" not in html


def test_spanish_table_shows_the_years(client, history):
    html = client.get("/es/states/?view=table").content.decode()
    assert "Sí, desde 2008" in html
    assert "hecha en 2020" in html


def test_what_changed_over_time_links_each_year_to_the_map_as_of_it(client, history):
    html = client.get(f"{MAP}?view=table").content.decode()
    assert "What changed over time" in html
    assert "Minnesota formed its state team" in html
    assert "Texas made its Promise to the State" in html
    # The link keeps the table view.
    assert 'href="?view=table&amp;year=2012#results"' in html
    html = client.get("/es/states/").content.decode()
    assert "Wisconsin adoptó un plan de mejora de la calidad" in html


@pytest.mark.parametrize(
    "value", ["1800", "abc", "2024.5", "-1", "9999", "2024%00", "'; drop table", "1999"]
)
def test_a_bad_year_gets_a_clear_message_and_todays_map(client, history, value):
    response = client.get(MAP, {"year": value, "view": "table"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some of the filters could not be used" in html
    assert "Choose a year from the list." in html
    assert response.context["as_of"] is None
    assert len(response.context["states"]) == 4


def test_bad_year_in_spanish(client, history):
    html = client.get("/es/states/?year=nope").content.decode()
    assert "Elija un año de la lista." in html


def test_exports_follow_the_year_and_carry_the_years(client, history):
    rows = list(csv.DictReader(io.StringIO(client.get("/en/states/data.csv").content.decode())))
    mn = next(row for row in rows if row["code"] == "MN")
    assert (mn["team_formed"], mn["qi_plan_adopted_in"], mn["promise_made_in"]) == (
        "2008", "2012", "2020",
    )  # fmt: skip
    data = client.get("/en/states/data.json?year=2012").json()
    mn = next(row for row in data["states"] if row["code"] == "MN")
    assert (mn["has_team"], mn["qi_plan"], mn["has_promise"]) == (True, "epic", False)
    wi = next(row for row in data["states"] if row["code"] == "WI")
    assert (wi["has_team"], wi["qi_plan"]) == (False, None)


def test_years_out_of_range_are_refused_by_the_database(history):
    plan = State.objects.get(code="MN").qi_plan
    plan.adopted_in = 1200
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


def test_map_as_of_a_year_query_count_is_constant(client, history, django_assert_num_queries):
    # states as of the year; summary as of the year; dated steps; demo marker.
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(5):
        client.get(f"{MAP}?year=2016&qi_plan=any")
    for code in ["CA", "OR", "NY", "VT", "ME", "NH", "MA", "RI", "CT", "NJ"]:
        _state(code, team=2010, plan=2014, promise=2018)
    with django_assert_num_queries(5):
        response = client.get(f"{MAP}?year=2016&qi_plan=any&view=table")
    assert len(response.context["states"]) == 11


@pytest.mark.parametrize(
    ("lang", "plan", "promise"),
    [("en", "<dt>Adopted</dt><dd>2012</dd>", "Made in 2020."),
     ("es", "<dt>Adoptado</dt><dd>2012</dd>", "Hecha en 2020.")],
)  # fmt: skip
def test_state_page_says_when_the_plan_was_adopted_and_the_promise_made(
    client, history, lang, plan, promise
):
    html = client.get(f"/{lang}/states/mn/").content.decode()
    assert plan in html
    assert promise in html
