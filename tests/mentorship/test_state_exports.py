"""The map's data as CSV and JSON (/states/data.csv, /states/data.json)."""

import pytest

from tests.mentorship.factories import (
    StateFactory,
)
from tests.mentorship.helpers import MAP

pytestmark = pytest.mark.django_db


def test_csv_parses_and_lists_published_states_only(client, some_states):
    import csv
    import io

    response = client.get("/en/states/data.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["code"] for row in rows] == ["GU", "IA", "MN", "TX", "WI"]
    mn = next(row for row in rows if row["code"] == "MN")
    assert (mn["has_team"], mn["qi_plan"], mn["has_promise"]) == ("true", "epic", "true")
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


def test_exports_follow_the_map_filters_when_given(client, some_states):
    data = client.get("/en/states/data.json?promise=yes").json()
    assert [row["code"] for row in data["states"]] == ["MN", "TX"]
    body = client.get(f"{MAP}?promise=yes&view=table").content.decode()
    assert 'href="/en/states/data.csv?promise=yes"' in body
    # Nonsense filters are ignored: everything published is exported.
    assert client.get("/en/states/data.json?promise=maybe").json()["count"] == 5
