import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from medhome import jurisdictions
from mentorship.models import Mentor, MentorKind, State

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "40_mentorship.json"


@pytest.fixture
def rows():
    return json.loads(FIXTURE.read_text())


def test_demo_fixture_has_every_jurisdiction_once(rows):
    codes = [r["fields"]["code"] for r in rows if r["model"] == "mentorship.state"]
    assert sorted(codes) == sorted(j.code for j in jurisdictions.JURISDICTIONS)


def test_demo_fixture_mentors_cover_every_kind_in_both_languages(rows):
    mentors = [r["fields"] for r in rows if r["model"] == "mentorship.mentor"]
    assert len(mentors) >= 22
    assert set(Counter(m["kind"] for m in mentors)) == set(MentorKind.values)
    assert all(m["summary_es"] and m["description_es"] for m in mentors)
    assert all(set(m["tools"]) <= set(range(1, 41)) for m in mentors)
    assert all("Demo data" in m["description_en"] for m in mentors)


@pytest.mark.django_db
def test_demo_fixture_loads_twice_without_duplicates(rows, tmp_path):
    # The library's demo resources are another fixture; tools are left out here.
    for row in rows:
        if row["model"] == "mentorship.mentor":
            row["fields"]["tools"] = []
    path = tmp_path / "mentorship.json"
    path.write_text(json.dumps(rows))
    call_command("loaddata", str(path), verbosity=0)
    call_command("loaddata", str(path), verbosity=0)
    assert State.objects.published().count() == 59
    assert Mentor.objects.published().count() >= 22


def test_demo_fixture_does_not_contradict_itself(rows):
    """The map, the state pages and the mentors tell one story, in varied words."""
    states = {row["pk"]: row["fields"] for row in rows if row["model"] == "mentorship.state"}
    with_team = {row["fields"]["state"] for row in rows if row["model"] == "mentorship.teammember"}
    mentors = [row["fields"] for row in rows if row["model"] == "mentorship.mentor"]
    for mentor in mentors:
        if mentor["kind"] == MentorKind.STATE:
            # A State Mentor is a state team: its state shows a team on the map.
            assert mentor["state"] in with_team, mentor["name"]
            state = states[mentor["state"]]
            assert "has not reported a medical home state team" not in state["overview_en"]
    for pk, state in states.items():
        if pk in with_team:
            assert "has not reported" not in state["overview_en"], state["code"]
    for language in ("en", "es"):
        summaries = [m[f"summary_{language}"] for m in mentors]
        assert len(set(summaries)) == len(summaries), "every mentor has its own summary"
        # Descriptions too, beyond the shared "Demo data" and closing lines.
        bodies = [m[f"description_{language}"].split("\n\n")[0] for m in mentors]
        assert len(set(bodies)) == len(bodies), "every mentor has its own description"


def test_demo_content_gives_one_contact_email():
    center = settings.CENTER["email"]
    for path in sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        for address in set(re.findall(r"mailto:([\w.+-]+@[\w.-]+)", text)):
            assert address == center, f"{path.name}: {address}"
        # Nothing a visitor sees points at a placeholder domain (a dead mailto: or
        # "Register" link); only the private subscriber list uses example.org.
        for row in json.loads(text):
            if row["model"] != "newsletter.subscriber":
                assert "example.org" not in json.dumps(row), f"{path.name}: {row['model']}"


# Free text shown on the public pages, by model: Spanish for all of it in the demo.
SPANISH_DATA = {
    "mentorship.teammember": ("organization",),
    "mentorship.contact": ("role", "organization"),
    "mentorship.initiative": ("sponsor",),
    "mentorship.mentor": ("name", "organization"),
}


def test_demo_fixture_gives_spanish_for_organizations_roles_and_names(rows):
    checked = 0
    for row in rows:
        for field in SPANISH_DATA.get(row["model"], ()):
            fields = row["fields"]
            assert fields[f"{field}_en"] == fields[field]
            if fields[field]:
                assert fields[f"{field}_es"], (row["model"], row["pk"], field)
                assert fields[f"{field}_es"] != fields[field], (row["model"], row["pk"], field)
                checked += 1
    assert checked > 250


def test_every_state_has_its_own_overview_consistent_with_the_map(rows):
    """No two states share one text with the name swapped, and what an overview says
    about the team, the promise and State Mentors matches the rows the map counts."""
    states = {row["pk"]: row["fields"] for row in rows if row["model"] == "mentorship.state"}
    with_team = {row["fields"]["state"] for row in rows if row["model"] == "mentorship.teammember"}
    promises = {
        row["fields"]["state"]: row["fields"]["target_year"]
        for row in rows
        if row["model"] == "mentorship.promise"
    }
    state_mentors = {
        row["fields"]["state"]
        for row in rows
        if row["model"] == "mentorship.mentor" and row["fields"]["kind"] == MentorKind.STATE
    }
    for language in ("en", "es"):
        texts = set()
        for state in states.values():
            j = jurisdictions.BY_CODE[state["code"]]
            text = state[f"overview_{language}"]
            assert j.name_en in text or j.name_es in text, state["code"]
            texts.add(text.replace(j.name_en, "X").replace(j.name_es, "X"))
        assert len(texts) == len(states)
    for pk, state in states.items():
        text = state["overview_en"]
        assert ("has not reported a medical home state team" in text) <= (pk not in with_team)
        if "Promise to the State" in text:
            assert str(promises[pk]) in text, state["code"]
        if "a State Mentor:" in text:
            assert pk in state_mentors, state["code"]
