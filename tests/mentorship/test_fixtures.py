import json
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
