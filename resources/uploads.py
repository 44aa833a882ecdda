"""Files the public uploads with a submission: checked by content, stored privately.

Only PDF and Office documents are accepted, at most 10 MB. The type is read
from the first bytes (and, for the ZIP-based Office formats, from the
package's [Content_Types].xml), never trusted from the name or the browser.
Files are stored under a random name in the private storage (medhome.storage),
so they are never served to the public; staff download them from the admin.
"""

import os
import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medhome.storage import PrivateFileSystemStorage

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"

# extension -> the main part's content type inside the OOXML package
OOXML_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
OLE2_EXTENSIONS = {".doc", ".xls", ".ppt"}
ALLOWED_EXTENSIONS = {".pdf", *OLE2_EXTENSIONS, *OOXML_TYPES}


def submission_upload_to(instance, filename):
    extension = os.path.splitext(filename)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        extension = ""
    return f"submissions/{uuid.uuid4().hex}{extension}"


def _bad_type():
    return ValidationError(
        _("Upload a PDF or an Office document (Word, Excel or PowerPoint)."), code="file_type"
    )


def _ooxml_matches(upload, extension) -> bool:
    try:
        with zipfile.ZipFile(upload) as package:
            content_types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False
    return OOXML_TYPES[extension] in content_types


def validate_upload(upload) -> None:
    """Raise ValidationError unless `upload` is a PDF or Office file of at most 10 MB."""
    name = upload.name or ""
    if (
        "/" in name
        or "\\" in name
        or ".." in name
        or "\x00" in name
        or name.startswith(".")
        or any(ord(char) < 32 for char in name)
    ):
        raise ValidationError(
            _("The file name may not contain folders or '..'. Rename the file and try again."),
            code="file_name",
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="file_size")
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise _bad_type()
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == ".pdf":
        ok = head.startswith(PDF_MAGIC)
    elif extension in OLE2_EXTENSIONS:
        ok = head == OLE2_MAGIC
    else:
        ok = head.startswith(ZIP_MAGIC) and _ooxml_matches(upload, extension)
        upload.seek(0)
    if not ok:
        raise ValidationError(
            _("The file's content does not match its type. Upload a real PDF or Office file."),
            code="file_content",
        )


class SubmissionStorage(PrivateFileSystemStorage):
    """What the initial migration names; the field now uses medhome.storage.private_storage."""
