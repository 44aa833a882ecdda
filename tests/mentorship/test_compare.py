import csv
import io

import pytest

from medhome.models import Status
from tests.mentorship.factories import (
    InitiativeFactory,
    MentorFactory,
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def states():
    mn = StateFactory(code="MN", team_formed=2004)
    TeamMemberFactory(state=mn, role="pediatrician")
    TeamMemberFactory(state=mn, role="family")
    QIPlanFactory(state=mn, kind="epic", status="completed")
    PromiseFactory(state=mn, target_year=2027)
    InitiativeFactory(state=mn, title_en="Health care homes", title_es="Hogares de salud")
    MentorFactory(state=mn, name="North Clinic")
    MentorFactory(state=mn, name="Hidden Clinic", status=Status.DRAFT)
    ResourceFactory(state="MN")
    ResourceFactory(state="MN")
    vt = StateFactory(code="VT")
    StateFactory(code="UT", status=Status.DRAFT)
    return mn, vt


def test_compare_page_without_states_shows_the_picker(client, states):
    response = client.get("/en/states/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="states" value="mn"' in html
    assert 'value="ut"' not in html  # a draft state cannot be picked
    assert "compare-table" not in html


@pytest.mark.smoke
def test_compare_two_states_side_by_side_in_the_order_given(client, states):
    response = client.get("/en/states/compare/?states=vt&states=mn")
    assert response.status_code == 200
    facts = response.context["facts"]
    assert [item.state.code for item in facts] == ["VT", "MN"]
    html = response.content.decode()
    assert "EPIC model" in html
    assert "Completed" in html
    assert "Yes, target year 2027" in html
    assert "since 2004" in html
    assert "Health care homes" in html
    assert "North Clinic" in html
    assert "Hidden Clinic" not in html
    assert "2 resources" in html
    assert 'href="/en/states/compare.csv?states=vt&amp;states=mn"' in html


def test_compare_in_spanish(client, states):
    html = client.get("/es/states/compare/?states=mn&states=vt").content.decode()
    assert "Comparar estados" in html
    assert "Hogares de salud" in html


@pytest.mark.parametrize(
    "query",
    ["states=mn", "states=mn&states=vt&states=ut", "states=zz&states=mn", "states=a&" * 5],
)
def test_compare_explains_a_bad_pick_without_failing(client, states, query):
    response = client.get(f"/en/states/compare/?{query}")
    assert response.status_code == 200
    assert response.context["facts"] == []
    assert 'class="error"' in response.content.decode()


def test_compare_rejects_more_than_four(client, states):
    for code in ("CA", "TX", "NY"):
        StateFactory(code=code)
    response = client.get("/en/states/compare/?states=mn&states=vt&states=ca&states=tx&states=ny")
    assert "Pick between two and four states or territories; you picked 5." in (
        response.content.decode()
    )


def test_compare_query_count_is_constant(client, states, django_assert_num_queries):
    # published states for the picker, the states with plan and promise, their team
    # members, initiatives, published mentors (prefetches), resource counts, demo marker
    url = "/en/states/compare/?states=mn&states=vt"
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(9):
        client.get(url)
    mn, vt = states
    for _ in range(5):
        TeamMemberFactory(state=vt)
        InitiativeFactory(state=vt)
        MentorFactory(state=vt)
        ResourceFactory(state="VT")
    with django_assert_num_queries(9):
        client.get(url)


def test_compare_csv_has_one_row_per_state(client, states):
    response = client.get("/en/states/compare.csv?states=mn&states=vt")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="compare-mn-vt.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["code"] for row in rows] == ["MN", "VT"]
    assert rows[0]["qi_plan"] == "EPIC model"
    assert rows[0]["promise_target_year"] == "2027"
    assert rows[0]["mentors"] == "North Clinic"
    assert rows[0]["resources"] == "2"
    assert rows[0]["url"] == "http://testserver/en/states/mn/"
    assert rows[1]["qi_plan"] == ""


def test_compare_csv_neutralises_formulas(client, states):
    mn, _vt = states
    InitiativeFactory(state=mn, title_en="=HYPERLINK(1)")
    InitiativeFactory(state=_vt, title_en="=HYPERLINK(1)")
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/en/states/compare.csv?states=vt&states=mn").content.decode())
        )
    )
    assert rows[0]["initiatives"].startswith("'=")


def test_compare_csv_with_a_bad_pick_is_a_clear_400(client, states):
    response = client.get("/en/states/compare.csv?states=mn")
    assert response.status_code == 400
    assert "Pick between two and four" in response.content.decode()


def test_fact_sheet_in_both_languages(client, states):
    html = client.get("/en/states/mn/fact-sheet/").content.decode()
    assert '<h1 id="sheet-title">Minnesota</h1>' in html
    assert "EPIC model (completed)" in html
    assert "Train care coordinators" in html
    assert "North Clinic" in html
    html_es = client.get("/es/states/mn/fact-sheet/").content.decode()
    assert "Hoja informativa" in html_es
    assert "Hogares de salud" in html_es


def test_fact_sheet_of_a_draft_state_is_for_staff_only(client, admin_client, states):
    assert client.get("/en/states/ut/fact-sheet/").status_code == 404
    assert admin_client.get("/en/states/ut/fact-sheet/").status_code == 200
    assert client.get("/en/states/zz/fact-sheet/").status_code == 404
    assert client.get("/en/states/MN/fact-sheet/").status_code == 404


def test_fact_sheet_query_count_is_constant(client, states, django_assert_num_queries):
    # state, team, initiatives, mentors, resource count, demo marker
    # +1: the content version (medhome.cache), read once a request
    with django_assert_num_queries(7):
        client.get("/en/states/mn/fact-sheet/")
    mn, _vt = states
    for _ in range(5):
        TeamMemberFactory(state=mn)
        InitiativeFactory(state=mn)
        MentorFactory(state=mn)
    with django_assert_num_queries(7):
        client.get("/en/states/mn/fact-sheet/")


def test_sitemap_lists_compare_page_and_fact_sheets(client, states):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/states/compare/", "/states/mn/fact-sheet/"):
        assert f"/en{path}" in xml
        assert f"/es{path}" in xml
    assert "/states/ut/fact-sheet/" not in xml
