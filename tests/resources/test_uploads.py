"""Uploads are checked whole, and a body over the limit is refused before it is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resources.models import Submission
from resources.share import ShareForm
from resources.uploads import OOXML_TYPES
from tests.resources import files

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _form(name, content):
    data = {
        "kind": "tool",
        "title": "Care plan checklist",
        "description": "A checklist.",
        "name": "Ana Ruiz",
        "email": "ana@example.org",
        "started": ShareForm(request=None).initial["started"],
    }
    return ShareForm(data, {"file": SimpleUploadedFile(name, content)}, request=None)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", files.pdf()),
        ("plan.doc", files.ole2("WordDocument")),
        ("plan.xls", files.ole2("Workbook")),
        ("plan.ppt", files.ole2("PowerPoint Document")),
        ("plan.docx", files.ooxml(OOXML_TYPES[".docx"])),
        ("plan.xlsx", files.ooxml(OOXML_TYPES[".xlsx"])),
    ],
)
def test_real_documents_are_accepted(name, content):
    assert _form(name, content).is_valid()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # The polyglot: PDF magic, then a web page.
        ("plan.pdf", b"%PDF-1.4\n" + HTML),
        # A real PDF with a web page appended after %%EOF still parses as a PDF.
        ("plan.pdf", files.pdf(extra=HTML)),
        ("plan.pdf", files.pdf(extra=b"\n<svg xmlns='http://www.w3.org/2000/svg' onload='x'>")),
        ("plan.pdf", files.pdf(javascript=True)),
        # A PDF cut short: its first bytes are right, the rest is not.
        ("plan.pdf", files.pdf()[:200]),
        ("plan.doc", files.ole2("WordDocument")[:1000]),
        ("plan.xls", files.ole2("WordDocument")),
        ("plan.doc", files.ole2() + HTML),
        ("plan.docx", files.ooxml(OOXML_TYPES[".docx"], {"word/afchunk.htm": "<p>hi</p>"})),
        ("plan.docx", files.ooxml(OOXML_TYPES[".docx"], {"word/media/logo.svg": "<svg/>"})),
        ("plan.docx", files.ooxml(OOXML_TYPES[".docx"], {"word/x.xml": "<x><script>1</script>"})),
        ("plan.docx", files.ooxml(OOXML_TYPES[".docx"])[:-30]),
    ],
)
def test_polyglots_and_broken_files_are_refused(name, content):
    form = _form(name, content)
    assert not form.is_valid()
    assert form.has_error("file", "file_content")


def test_a_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr("resources.uploads.MAX_UNPACKED_BYTES", 1000)
    content = files.ooxml(OOXML_TYPES[".docx"], {"word/big.xml": "<a/>" * 1000})
    assert _form("plan.docx", content).has_error("file", "file_content")


class Exploding:
    """A request body that must not be read."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_an_oversized_upload_is_answered_413_before_the_body_is_read(client):
    response = client.post(
        "/es/resources/share/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": Exploding()},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "El archivo es demasiado grande" in html
    assert not Submission.objects.exists()


def test_a_body_under_the_limit_goes_through(client):
    response = client.post("/en/resources/share/", {"title": "x" * 1000})
    assert response.status_code == 200  # the form, with its errors


def test_the_admin_allows_larger_bodies_for_staff_files(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 10
    response = client.post("/admin/login/", {"username": "x" * 100})
    assert response.status_code != 413
    settings.STAFF_MAX_REQUEST_BODY_BYTES = 10
    assert client.post("/admin/login/", {"username": "x" * 100}).status_code == 413


def test_staff_download_is_an_attachment_that_is_never_sniffed(client, settings, tmp_path):
    from django.urls import reverse

    from medhome.staff.roles import CONTENT_EDITOR, sync_roles
    from tests.medhome.staff.factories import staff_user

    sync_roles()
    settings.MEDIA_ROOT = tmp_path / "media"
    form = _form("plan.pdf", files.pdf())
    assert form.is_valid()
    submission = form.save()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    response = client.get(reverse("admin:resources_submission_file", args=[submission.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/octet-stream"
    assert "sandbox" in response["Content-Security-Policy"]
