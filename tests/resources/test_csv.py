"""CSV export and import of resources (django-import-export): a dry-run preview with
every row's errors, then an all-or-nothing write."""

import csv
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from medhome.models import Status
from medhome.staff.roles import CONTENT_EDITOR, NEWSLETTER_MANAGER, PUBLISHER
from resources.csvio import ResourceResource
from resources.models import Audience, Resource, ResourceVersion, Topic
from tests.medhome.staff.factories import ResourceFactory, ResourceTypeFactory, staff_user

pytestmark = pytest.mark.usefixtures("roles")

EXPORT = reverse("admin:resources_resource_export")
IMPORT = reverse("admin:resources_resource_import")
PROCESS = reverse("admin:resources_resource_process_import")


@pytest.fixture
def taxonomy():
    ResourceTypeFactory(slug="tool")
    ResourceTypeFactory(slug="guide", name_en="Guide")
    Topic.objects.create(slug="care-plans", name_en="Care plans")
    Topic.objects.create(slug="transitions", name_en="Transitions")
    Audience.objects.create(slug="families", name_en="Families")


def make_resources():
    first = ResourceFactory(
        slug="care-plan-toolkit",
        title_en="Care plan toolkit",
        title_es="Kit de planes de cuidado",
        body_en="- a list item\n- =SUM(A1) is not a formula here",
        organization='Family "Voices", Inc.',
        featured=True,
        last_reviewed="2026-01-05",
    )
    first.topics.set(Topic.objects.all())
    first.audiences.set(Audience.objects.all())
    first.versions.create(language="en", format="web", url="https://example.org/plan")
    first.versions.create(language="es", format="pdf", url="https://example.org/plan-es.pdf")
    second = ResourceFactory(slug="transition-guide", status=Status.DRAFT, state="TX")
    second.topics.set(Topic.objects.filter(slug="transitions"))
    second.audiences.set(Audience.objects.all())
    return first, second


def export(client, query=""):
    response = client.get(EXPORT + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return response.content.decode("utf-8")


def upload(client, text, name="resources.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(IMPORT, {"import_file": file, "format": "0", "resource": "0"})


def ok(preview_response):
    """The dry run found no errors and offers the confirmation."""
    result = preview_response.context["result"]
    return (
        not result.has_errors()
        and not result.has_validation_errors()
        and "confirm_form" in preview_response.context
    )


def row_errors(preview_response):
    """{row number: {column: [messages]}} for every invalid row of the dry run."""
    return {
        row.number: {name: [str(m) for m in msgs] for name, msgs in row.error_dict.items()}
        for row in preview_response.context["result"].invalid_rows
    }


def confirm(client, preview_response):
    return client.post(PROCESS, preview_response.context["confirm_form"].initial)


def test_export_writes_one_row_per_resource_with_its_relations(client, taxonomy):
    make_resources()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    rows = list(csv.DictReader(io.StringIO(export(client).lstrip("\ufeff"))))
    assert [row["slug"] for row in rows] == ["care-plan-toolkit", "transition-guide"]
    first = rows[0]
    assert first["title_es"] == "Kit de planes de cuidado"
    assert first["topics"] == "care-plans|transitions"
    assert first["featured"] == "true"
    assert first["resource_type"] == "tool"
    assert first["links"].splitlines() == [
        "en web https://example.org/plan",
        "es pdf https://example.org/plan-es.pdf",
    ]
    assert first["body_en"].startswith("'- a list item")  # no spreadsheet formulas


def test_export_follows_the_change_list_filters(client, taxonomy):
    make_resources()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    text = export(client, "?status__exact=draft")
    assert "transition-guide" in text
    assert "care-plan-toolkit" not in text


def test_a_valid_file_round_trips_with_the_export(client, taxonomy):
    make_resources()
    client.force_login(staff_user("pat", PUBLISHER))
    original = export(client)
    ResourceVersion.objects.all().delete()
    Resource.objects.all().delete()
    preview = upload(client, original)
    assert ok(preview)
    assert not Resource.objects.exists()  # the preview writes nothing
    response = confirm(client, preview)
    assert response.status_code == 302
    assert Resource.objects.count() == 2
    assert export(client) == original


def test_the_dry_run_shows_every_rows_errors_and_a_partly_invalid_file_writes_nothing(
    client, taxonomy
):
    make_resources()
    client.force_login(staff_user("pat", PUBLISHER))
    rows = list(csv.DictReader(io.StringIO(export(client).lstrip("\ufeff"))))
    rows[0]["title_en"] = "Changed title"
    rows[1]["resource_type"] = "no-such-type"
    rows[1]["published_on"] = "31/31/2025"
    new = dict(rows[0], slug="brand-new", topics="care-plans|nope", links="xx web https://a.b")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows([rows[0], rows[1], new])
    response = upload(client, buffer.getvalue())
    assert not ok(response)
    errors = row_errors(response)
    assert sorted(errors) == [2, 3]  # the first row is fine
    assert sorted(errors[2]) == ["published_on", "resource_type"]
    assert errors[2]["resource_type"] == ["“no-such-type” does not exist."]
    assert sorted(errors[3]) == ["links", "topics"]
    assert errors[3]["topics"] == ["Unknown: nope."]
    assert errors[3]["links"] == ["Unknown language “xx”."]
    assert "confirm_form" not in response.context
    html = response.content.decode()
    assert "2 rows have errors: nothing will be imported" in html
    assert "Unknown language" in html  # shown, not hidden behind a hover
    assert Resource.objects.get(slug="care-plan-toolkit").title_en == "Care plan toolkit"
    assert not Resource.objects.filter(slug="brand-new").exists()


def test_a_file_that_turns_invalid_before_confirming_writes_nothing(client, taxonomy):
    make_resources()
    client.force_login(staff_user("pat", PUBLISHER))
    text = export(client).replace("care-plan-toolkit", "renamed-toolkit")
    preview = upload(client, text)
    assert ok(preview)
    Topic.objects.filter(slug="transitions").delete()  # meanwhile, someone deletes a topic
    response = confirm(client, preview)
    assert response.status_code == 200
    assert "nothing was imported" in response.content.decode()
    # Neither the row that lost its topic nor the one that would still be valid.
    assert not Resource.objects.filter(slug="renamed-toolkit").exists()
    assert Resource.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"slug,status\nx,draft\n", "Missing columns"),
        (b"", "The submitted file is empty"),
        (b"slug\n", "No valid data"),
        (b"slug,title_en\nx,y\n", "Missing columns: status, publish_at"),
        (b"slug\x00,title\n", "null characters"),
    ],
)
def test_bad_files_get_a_clear_message(client, content, message):
    client.force_login(staff_user("pat", PUBLISHER))
    file = SimpleUploadedFile("bad.csv", content, content_type="text/csv")
    response = client.post(IMPORT, {"import_file": file, "format": "0", "resource": "0"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "confirm_form" not in response.context


def test_a_forged_or_expired_payload_imports_nothing(client):
    client.force_login(staff_user("pat", PUBLISHER))
    forged = {"import_file_name": "forged", "original_file_name": "x.csv", "format": "0"}
    response = client.post(PROCESS, forged)
    assert response.status_code == 302
    assert response["Location"] == IMPORT
    assert not Resource.objects.exists()


def test_an_editor_may_import_drafts_but_not_publish(client, taxonomy):
    make_resources()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    text = export(client).replace("transition-guide", "new-guide")
    Resource.objects.all().delete()
    errors = row_errors(upload(client, text))
    # Row 1 publishes care-plan-toolkit; row 2, a draft, is fine.
    assert errors == {1: {"status": ["You may not publish or archive."]}}


def test_only_staff_who_may_add_and_change_can_import(client):
    client.force_login(staff_user("nina", NEWSLETTER_MANAGER))
    assert client.get(IMPORT).status_code == 403
    assert client.get(EXPORT).status_code == 200  # view permission on resources
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    assert client.get(IMPORT).status_code == 200


def test_the_resource_is_usable_without_the_admin(taxonomy):
    first, _second = make_resources()
    text = ResourceResource().export(Resource.objects.filter(pk=first.pk)).csv
    result = ResourceResource().import_data(tablib.Dataset().load(text, "csv"), dry_run=True)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert [row.import_type for row in result] == ["update"]
