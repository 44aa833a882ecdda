import pytest
from django.urls import reverse
from django.utils import translation

from medhome import jurisdictions
from medhome.models import Status
from mentorship.models import PlanKind
from tests.mentorship.factories import (
    ContactFactory,
    ExpertiseFactory,
    InitiativeFactory,
    MentorFactory,
    PromiseFactory,
    QIPlanFactory,
    ResourceFactory,
    StateFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db

MAP = "/en/states/"


def _state(code, team=False, plan=None, promise=False, **kwargs):
    state = StateFactory(code=code, **kwargs)
    if team:
        TeamMemberFactory(state=state)
        TeamMemberFactory(state=state)
    if plan:
        QIPlanFactory(state=state, kind=plan)
    if promise:
        PromiseFactory(state=state)
    return state


@pytest.fixture
def some_states():
    return [
        _state("MN", team=True, plan=PlanKind.EPIC, promise=True),
        _state("WI", team=True, plan=PlanKind.LEARNING_COLLABORATIVE),
        _state("IA", team=True),
        _state("TX", promise=True),
        _state("GU"),
        _state("OR", team=True, plan=PlanKind.EPIC, status=Status.DRAFT),
    ]


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
    _state("MN", team=True)
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


def test_map_query_count_is_constant(client, django_assert_num_queries):
    for code in ["MN", "WI", "IA"]:
        _state(code, team=True, plan=PlanKind.EPIC, promise=True)
    # 1 the filtered states with their plan, promise and team flag; 1 the summary counts;
    # 1 the dated steps ("What changed over time"); 1 the demo marker for the notice.
    with django_assert_num_queries(4):
        client.get(f"{MAP}?team=yes")
    for j in [j for j in jurisdictions.JURISDICTIONS if j.code not in {"MN", "WI", "IA"}][:31]:
        _state(j.code, team=True, plan=PlanKind.OTHER, promise=True)
    with django_assert_num_queries(4):
        response = client.get(f"{MAP}?team=yes")
    assert len(response.context["states"]) == 34


def test_table_query_count_is_constant(client, django_assert_num_queries):
    for code in ["MN", "WI", "IA"]:
        _state(code, team=True, plan=PlanKind.EPIC, promise=True)
    # Same four queries as the map: states, summary counts, dated steps, demo marker.
    with django_assert_num_queries(4):
        client.get(f"{MAP}?view=table")
    for j in [j for j in jurisdictions.JURISDICTIONS if j.code not in {"MN", "WI", "IA"}][:31]:
        _state(j.code, team=True, plan=PlanKind.OTHER, promise=True)
    with django_assert_num_queries(4):
        client.get(f"{MAP}?view=table&qi_plan=any")


# --- State page -------------------------------------------------------------------


@pytest.mark.smoke
def test_state_page_shows_team_plan_promise_initiatives_and_contacts(client):
    state = _state("MN", team=True, plan=PlanKind.EPIC, promise=True)
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
    _state("MN", plan=PlanKind.EPIC, promise=True)
    body = client.get("/en/states/mn/").content.decode()
    assert "The plan document is not yet available." in body
    assert "The promise document is not yet available." in body
    assert 'href=""' not in body


def test_state_page_in_spanish(client):
    _state("MN", promise=True)
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
    state = _state("MN", team=True, plan=PlanKind.EPIC, promise=True)
    InitiativeFactory(state=state)
    ContactFactory(state=state)
    MentorFactory(state=state)
    ResourceFactory(state="MN")
    # state with plan and promise, team, initiatives, contacts, mentors, resources, demo marker
    with django_assert_num_queries(7):
        client.get("/en/states/mn/")
    for _ in range(10):
        TeamMemberFactory(state=state)
        InitiativeFactory(state=state)
        ContactFactory(state=state)
        MentorFactory(state=state)
        ResourceFactory(state="MN")
    with django_assert_num_queries(7):
        client.get("/en/states/mn/")


# --- Exports ------------------------------------------------------------------------


def test_csv_parses_and_lists_published_states_only(client, some_states):
    import csv
    import io

    response = client.get("/en/states/data.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["code"] for row in rows] == ["GU", "IA", "MN", "TX", "WI"]
    mn = next(row for row in rows if row["code"] == "MN")
    assert (mn["has_team"], mn["qi_plan"], mn["has_promise"]) == ("True", "epic", "True")
    assert mn["url"] == "http://testserver/en/states/mn/"


def test_json_parses_and_lists_published_states_only(client, some_states):
    data = client.get("/en/states/data.json").json()
    assert data["count"] == 5
    codes = [row["code"] for row in data["states"]]
    assert "OR" not in codes
    tx = next(row for row in data["states"] if row["code"] == "TX")
    assert tx == {
        "code": "TX", "name": "Texas", "kind": "state", "has_team": False, "team_formed": None,
        "qi_plan": None, "qi_plan_status": None, "qi_plan_adopted_in": None, "has_promise": True,
        "promise_made_in": None, "promise_target_year": 2028,
        "url": "http://testserver/en/states/tx/",
    }  # fmt: skip


def test_json_names_follow_the_language(client):
    StateFactory(code="NY")
    assert client.get("/es/states/data.json").json()["states"][0]["name"] == "Nueva York"


# --- Mentors --------------------------------------------------------------------------


@pytest.fixture
def mentors():
    care = ExpertiseFactory(slug="care-coordination", name_en="Care coordination")
    mn = StateFactory(code="MN")
    return {
        "rural": MentorFactory(
            name="Prairie Clinic",
            state=mn,
            setting="fqhc",
            community_type="rural",
            practice_size="small",
            expertise=[care],
        ),  # fmt: skip
        "urban": MentorFactory(
            name="City Kids", setting="hospital", community_type="urban", kind="promising"
        ),  # fmt: skip
        "state": MentorFactory(
            name="Title V Team",
            kind="state",
            setting="state_program",
            community_type="statewide",
            practice_size="",
        ),  # fmt: skip
        "draft": MentorFactory(name="Draft Practice", status=Status.DRAFT, setting="fqhc"),
    }


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
    with django_assert_num_queries(5):
        client.get("/en/mentors/?setting=fqhc")
    area = ExpertiseFactory()
    for _ in range(30):
        MentorFactory(setting="fqhc", state=mentors["rural"].state, expertise=[area])
    with django_assert_num_queries(5):
        response = client.get("/en/mentors/?setting=fqhc")
    assert len(response.context["mentors"]) == 12


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


# --- Match --------------------------------------------------------------------------


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


def test_spanish_counts_use_spanish_plurals(client, some_states):
    body = client.get("/es/states/").content.decode()
    assert "3 estados tienen un equipo estatal" in body
    assert "5 estados y territorios" in body
    _state("PR", team=True)
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


def test_exports_follow_the_map_filters_when_given(client, some_states):
    data = client.get("/en/states/data.json?promise=yes").json()
    assert [row["code"] for row in data["states"]] == ["MN", "TX"]
    body = client.get(f"{MAP}?promise=yes&view=table").content.decode()
    assert 'href="/en/states/data.csv?promise=yes"' in body
    # Nonsense filters are ignored: everything published is exported.
    assert client.get("/en/states/data.json?promise=maybe").json()["count"] == 5


def test_match_query_count_is_constant(client, mentors, django_assert_num_queries):
    url = "/en/mentors/match/?setting=fqhc&needs=care-coordination"
    # the needs chosen (form validation); published mentors with their state; their
    # expertise; the expertise choices of the form; the demo marker.
    with django_assert_num_queries(5):
        client.get(url)
    area = ExpertiseFactory()
    for _ in range(20):
        MentorFactory(setting="fqhc", state=mentors["rural"].state, expertise=[area])
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["results"]) == 10


def test_mentor_profile_query_count_is_constant(client, mentors, django_assert_num_queries):
    mentor = mentors["rural"]
    mentor.tools.set([ResourceFactory()])
    # the mentor with its state; its expertise; its published tools; the demo marker.
    with django_assert_num_queries(4):
        client.get(mentor.get_absolute_url())
    mentor.tools.add(*[ResourceFactory() for _ in range(10)])
    mentor.expertise.add(*[ExpertiseFactory() for _ in range(10)])
    with django_assert_num_queries(4):
        client.get(mentor.get_absolute_url())
