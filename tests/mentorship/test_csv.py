"""CSV export and import of mentors, and the export of state data, in the admin
(django-import-export)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from medhome.staff.roles import CONTENT_EDITOR, MENTORSHIP_COORDINATOR, sync_roles
from mentorship.models import Mentor, Population
from tests.medhome.staff.factories import staff_user
from tests.mentorship.factories import (
    ExpertiseFactory,
    MentorFactory,
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db

EXPORT = reverse("admin:mentorship_mentor_export")
IMPORT = reverse("admin:mentorship_mentor_import")
PROCESS = reverse("admin:mentorship_mentor_process_import")


@pytest.fixture
def coordinator(client):
    sync_roles()
    client.force_login(staff_user("mo", MENTORSHIP_COORDINATOR))
    return client


def export(client, url=EXPORT):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode("utf-8")


def upload(client, text):
    file = SimpleUploadedFile("mentors.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(IMPORT, {"import_file": file, "format": "0", "resource": "0"})


def confirm(client, preview):
    return client.post(PROCESS, preview.context["confirm_form"].initial)


def _mentors():
    state = StateFactory(code="MN")
    skills = [ExpertiseFactory(slug="care-coordination"), ExpertiseFactory(slug="funding")]
    populations = [choice for choice, _ in Population.choices][:2]
    MentorFactory(
        slug="north-clinic",
        name="North Clinic",
        state=state,
        expertise=skills,
        populations=populations,
    )
    MentorFactory(slug="river-fqhc", name="River FQHC", setting="fqhc", expertise=skills[:1])


def test_mentors_round_trip_through_the_csv_export_and_import(coordinator):
    _mentors()
    original = export(coordinator)
    Mentor.objects.all().delete()
    preview = upload(coordinator, original)
    assert not preview.context["result"].has_validation_errors()
    assert "confirm_form" in preview.context
    assert not Mentor.objects.exists()  # the preview writes nothing
    assert confirm(coordinator, preview).status_code == 302
    assert Mentor.objects.count() == 2
    assert export(coordinator) == original


def test_a_mentor_file_with_one_bad_row_writes_nothing(coordinator):
    _mentors()
    rows = list(csv.DictReader(io.StringIO(export(coordinator).lstrip("\ufeff"))))
    rows[0]["name"] = "Renamed"
    rows[1]["state"] = "ZZ"
    rows[1]["expertise"] = "care-coordination|no-such-skill"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    preview = upload(coordinator, buffer.getvalue())
    assert "confirm_form" not in preview.context
    [invalid] = preview.context["result"].invalid_rows
    assert invalid.number == 2
    assert invalid.error_dict == {
        "state": ["“ZZ” does not exist."],
        "expertise": ["Unknown: no-such-skill."],
    }
    assert not Mentor.objects.filter(name="Renamed").exists()


def test_state_data_exports_but_does_not_import(coordinator):
    state = StateFactory(code="VT")
    TeamMemberFactory(state=state)
    QIPlanFactory(state=state)
    PromiseFactory(state=state)
    text = export(coordinator, reverse("admin:mentorship_state_export"))
    row = next(r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff"))) if r["code"] == "VT")
    assert row["team_members"] == "1"
    assert row["qi_plan_kind"]
    assert row["promise_target_year"]
    with pytest.raises(NoReverseMatch):
        reverse("admin:mentorship_state_import")
    changelist = coordinator.get(reverse("admin:mentorship_state_changelist")).content.decode()
    assert "Export CSV" in changelist
    assert "Import CSV" not in changelist


def test_a_content_editor_cannot_export_mentors(client):
    sync_roles()
    client.force_login(staff_user("ed", CONTENT_EDITOR))
    assert client.get(EXPORT).status_code == 403
