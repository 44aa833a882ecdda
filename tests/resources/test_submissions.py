"""The "Share a tool or update" form, its upload checks, and moderation in the admin."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from medhome.models import QueueStatus, Status
from medhome.staff.roles import CONTENT_EDITOR, NEWSLETTER_MANAGER
from resources.models import Decision, Resource, Submission
from resources.share import ShareForm
from resources.uploads import MAX_UPLOAD_BYTES, OOXML_TYPES
from tests.medhome.staff.factories import ResourceTypeFactory, SubmissionFactory, staff_user
from tests.resources import files

PDF = files.pdf()
OLE2 = files.ole2()
ooxml = files.ooxml


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def form_data(client, lang="en", **extra):
    started = client.get(f"/{lang}/resources/share/").context["form"].initial["started"]
    return {
        "kind": "tool",
        "title": "Care plan checklist",
        "description": "A one-page checklist our clinic uses before each care plan meeting.",
        "name": "Ana Ruiz",
        "organization": "Family Voices",
        "email": "ana@example.org",
        "started": started,
        **extra,
    }


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form_with(name, content):
    started = ShareForm(request=None).initial["started"]
    data = {
        "kind": "tool",
        "title": "T",
        "description": "D",
        "name": "N",
        "email": "n@example.org",
        "started": started,
    }
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.9")
    file = upload("placeholder.pdf", content)
    # UploadedFile drops folders from a name it is given; set the raw name as
    # another upload path could deliver it, to test the form's own check.
    file._name = name
    return ShareForm(data, {"file": file}, request=request)


@pytest.mark.smoke
@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_share_form_shows_in_both_languages(client, lang):
    response = client.get(reverse("resources:share") if lang == "en" else "/es/resources/share/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="website"' in html  # the honeypot
    kinds = [value for value, _label in response.context["form"].fields["kind"].choices]
    assert kinds == ["activity", "best_practice", "lesson", "tool"]  # no blank radio


@pytest.mark.django_db
def test_a_shared_tool_with_a_pdf_lands_in_the_queue_under_a_random_name(client, settings):
    data = form_data(client, file=upload("Care plan.pdf", PDF))
    response = client.post("/en/resources/share/", data, follow=True)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    submission = Submission.objects.get()
    assert submission.queue_status == QueueStatus.NEW
    assert submission.decision == Decision.PENDING
    assert submission.original_filename == "Care plan.pdf"
    assert re.fullmatch(r"submissions/[0-9a-f]{32}\.pdf", submission.file.name)
    stored = settings.MEDIA_ROOT.parent / "private" / submission.file.name
    assert stored.read_bytes() == PDF
    assert not (settings.MEDIA_ROOT / submission.file.name).exists()  # never public


@pytest.mark.django_db
@pytest.mark.parametrize("extension", [".docx", ".xlsx", ".pptx"])
def test_office_documents_are_accepted_when_their_package_says_so(extension):
    form = form_with(f"plan{extension}", ooxml(OOXML_TYPES[extension]))
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_old_office_formats_are_accepted_by_their_ole2_header():
    assert form_with("plan.doc", OLE2).is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("plan.exe", b"MZ\x90\x00", "file_type"),
        ("plan.txt", b"hello", "file_type"),
        ("plan.pdf", b"MZ\x90\x00 not a pdf", "file_content"),
        ("plan.doc", PDF, "file_content"),
        ("plan.docx", ooxml(OOXML_TYPES[".xlsx"]), "file_content"),
        ("plan.docx", b"PK\x03\x04 broken zip", "file_content"),
        ("../../etc/plan.pdf", PDF, "file_name"),
        ("..\\plan.pdf", PDF, "file_name"),
        (".htaccess.pdf", PDF, "file_name"),
    ],
)
def test_wrong_or_dangerous_uploads_are_refused(name, content, code):
    form = form_with(name, content)
    assert not form.is_valid()
    assert form.has_error("file", code)


@pytest.mark.django_db
def test_a_file_over_10_mb_is_refused_and_nothing_is_stored(client, settings):
    big = upload("big.pdf", PDF + b"0" * (MAX_UPLOAD_BYTES + 1 - len(PDF)))
    response = client.post("/en/resources/share/", form_data(client, file=big))
    assert response.status_code == 200
    assert response.context["form"].has_error("file", "file_size")
    assert not Submission.objects.exists()
    assert not (settings.MEDIA_ROOT.parent / "private").exists()


@pytest.mark.django_db
def test_a_file_of_the_wrong_type_is_refused_end_to_end(client):
    response = client.post(
        "/en/resources/share/", form_data(client, file=upload("tool.pdf", b"<html>hi</html>"))
    )
    assert response.context["form"].has_error("file", "file_content")
    assert "does not match its type" in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_path_in_the_uploaded_name_never_leaves_the_submissions_folder(client, settings):
    # Django's multipart parser already drops folders from the name; the file
    # is stored under a random name whatever the name says.
    boundary = "BoUnDaRy"
    fields = form_data(client)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="../../../outside.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + PDF
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    client.post(
        "/en/resources/share/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    submission = Submission.objects.get()
    assert submission.original_filename == "outside.pdf"
    assert re.fullmatch(r"submissions/[0-9a-f]{32}\.pdf", submission.file.name)
    assert not any(settings.MEDIA_ROOT.parent.parent.glob("**/outside.pdf"))


@pytest.mark.django_db
def test_missing_fields_and_bad_email_give_the_form_back(client):
    response = client.post(
        "/en/resources/share/", form_data(client, title="", email="not-an-email\x00")
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"title", "email"}
    assert not Submission.objects.exists()


# --- moderation in the admin -------------------------------------------------


@pytest.mark.usefixtures("roles")
def test_accepting_a_submission_creates_a_linked_draft_resource(client):
    ResourceTypeFactory(slug="tool")
    submission = SubmissionFactory(title="Transition checklist", language="es")
    editor = staff_user("eddie", CONTENT_EDITOR)
    client.force_login(editor)
    response = client.post(
        reverse("admin:resources_submission_changelist"),
        {"action": "accept", "_selected_action": [submission.pk]},
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:resources_resource_change", args=[resource.pk])
    submission.refresh_from_db()
    assert submission.decision == Decision.ACCEPTED
    assert submission.resource == resource
    assert submission.queue_status == QueueStatus.CLOSED
    assert resource.status == Status.DRAFT
    assert (resource.title_es, resource.title_en) == ("Transition checklist",) * 2
    assert resource.resource_type.slug == "tool"
    assert not Resource.objects.published().exists()  # the public does not see it
    assert resource.history.get().history_user == editor


@pytest.mark.usefixtures("roles")
def test_rejecting_asks_for_a_reason_and_keeps_it(client):
    submission = SubmissionFactory()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    url = reverse("admin:resources_submission_changelist")
    response = client.post(url, {"action": "reject", "_selected_action": [submission.pk]})
    assert response.status_code == 200
    assert "Reason for rejecting" in response.content.decode()
    submission.refresh_from_db()
    assert submission.decision == Decision.PENDING
    response = client.post(
        url,
        {
            "action": "reject",
            "apply": "1",
            "reason": "   ",
            "_selected_action": [submission.pk],
        },
    )
    assert response.context["form"].errors
    client.post(
        url,
        {
            "action": "reject",
            "apply": "1",
            "reason": "Already in the library.",
            "_selected_action": [submission.pk],
        },
    )
    submission.refresh_from_db()
    assert submission.decision == Decision.REJECTED
    assert submission.rejection_reason == "Already in the library."
    assert submission.queue_status == QueueStatus.CLOSED
    assert not Resource.objects.exists()


@pytest.mark.usefixtures("roles")
def test_staff_download_the_file_and_the_public_cannot(client, settings):
    client.post("/en/resources/share/", form_data(client, file=upload("plan.pdf", PDF)))
    submission = Submission.objects.get()
    url = reverse("admin:resources_submission_file", args=[submission.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(staff_user("nina", NEWSLETTER_MANAGER))
    assert client.get(url).status_code == 403
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.usefixtures("roles")
def test_queue_actions_assign_and_close(client):
    submission = SubmissionFactory()
    editor = staff_user("eddie", CONTENT_EDITOR)
    client.force_login(editor)
    url = reverse("admin:resources_submission_changelist")
    client.post(url, {"action": "assign_to_me", "_selected_action": [submission.pk]})
    client.post(url, {"action": "close", "_selected_action": [submission.pk]})
    submission.refresh_from_db()
    assert (submission.assignee, submission.queue_status) == (editor, QueueStatus.CLOSED)
    assert client.get(url + "?assigned=me").context["cl"].result_count == 1
    assert client.get(url + "?assigned=nobody").context["cl"].result_count == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"title": "x" * 5000},
        {"description": "nul \x00 inside"},
        {"kind": "not-a-kind"},
        {"email": "🙂@🙂"},
    ],
)
def test_odd_input_gives_the_form_back_with_a_message(client, changes):
    response = client.post("/en/resources/share/", form_data(client, **changes))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_emoji_and_accents_are_kept(client):
    client.post(
        "/es/resources/share/",
        form_data(client, "es", title="Guía de transición 🙂", organization="Niños y Familias"),
    )
    submission = Submission.objects.get()
    assert submission.title == "Guía de transición 🙂"
    assert submission.language == "es"


@pytest.mark.usefixtures("roles")
def test_accepting_carries_the_shared_file_into_the_drafts_version(client, settings):
    from django.core.files.storage import default_storage

    ResourceTypeFactory(slug="tool")
    client.post(
        "/es/resources/share/", form_data(client, "es", file=upload("Mi plan de cuidado.pdf", PDF))
    )
    submission = Submission.objects.get()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    client.post(
        reverse("admin:resources_submission_changelist"),
        {"action": "accept", "_selected_action": [submission.pk]},
    )
    version = Resource.objects.get().versions.get()
    assert (version.language, version.format, version.url) == ("es", "pdf", "")
    assert version.file.storage is default_storage  # the public resources' storage
    assert re.fullmatch(r"resources/\d{4}/mi-plan-de-cuidado\w*\.pdf", version.file.name)
    with version.file.open("rb") as copied:
        assert copied.read() == PDF
    submission.refresh_from_db()
    assert submission.file.storage.exists(submission.file.name)  # the original stays private
    # The resource page offers the file once published.
    Resource.objects.update(status=Status.PUBLISHED)
    page = client.get(Resource.objects.get().get_absolute_url()).content.decode()
    assert version.file.url in page


@pytest.mark.usefixtures("roles")
def test_accepting_a_submission_without_a_file_adds_no_version(client):
    ResourceTypeFactory(slug="tool")
    submission = SubmissionFactory()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    client.post(
        reverse("admin:resources_submission_changelist"),
        {"action": "accept", "_selected_action": [submission.pk]},
    )
    assert not Resource.objects.get().versions.exists()
