"""Files the public uploads with a submission: checked whole, stored privately.

Only PDF and Office documents are accepted, at most 10 MB (requests larger
than that are refused with 413 before their body is read: medhome/bodylimit.py).
The whole file is checked, never the name or the browser's word: a PDF must
parse with pypdf, page by page, and carry no JavaScript; a Word, Excel or
PowerPoint file must be a sound OLE2 container (olefile) with the matching
stream, or a sound OOXML package (every member's checksum verified, the
matching main part, no HTML, SVG or script parts, no zip bomb). Anything
that also reads as HTML, SVG or script anywhere in its bytes is refused, so
a polyglot cannot be opened as a page. Files are stored under a random name
in the private storage (medhome.storage), so they are never served to the
public; staff download them from the admin as attachments with nosniff.
"""

import logging
import os
import re
import uuid
import zipfile
from typing import Any

import olefile
import pypdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medhome.storage import PrivateFileSystemStorage

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A package may not unpack to more than this, nor hold more members (zip bombs).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 2000

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"

# extension -> the main part's content type inside the OOXML package
OOXML_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
# extension -> the stream an OLE2 document of that kind holds
OLE2_STREAMS = {".doc": "WordDocument", ".xls": "Workbook", ".ppt": "PowerPoint Document"}
OLE2_EXTENSIONS = set(OLE2_STREAMS)
ALLOWED_EXTENSIONS = {".pdf", *OLE2_EXTENSIONS, *OOXML_TYPES}

# Markup a browser would render or run, anywhere in the bytes (a polyglot).
# Tags are only counted with a following space, ">" or "/", so that random bytes in a
# compressed stream (about one chance in 10^10 per position) do not refuse a real file.
ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:script|html|body|svg|iframe|object|embed|!doctype\s+html|\?xml-stylesheet)[\s>/]"
    rb"|javascript:|vbscript:",
    re.IGNORECASE,
)
# Members of an OOXML package that carry web content or scripts.
ACTIVE_MEMBER = re.compile(r"\.(?:html?|xhtml|mht|svg|js|vbs|xsl|xslt)$|vbaProject", re.IGNORECASE)


def submission_upload_to(instance, filename) -> str:
    extension = os.path.splitext(filename)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        extension = ""
    return f"submissions/{uuid.uuid4().hex}{extension}"


def _bad_type():
    return ValidationError(
        _("Upload a PDF or an Office document (Word, Excel or PowerPoint)."), code="file_type"
    )


def _bad_content():
    return ValidationError(
        _("The file's content does not match its type. Upload a real PDF or Office file."),
        code="file_content",
    )


def _pdf_ok(upload) -> bool:
    try:
        reader = pypdf.PdfReader(upload, strict=False)
        if reader.is_encrypted or len(reader.pages) == 0:
            return False
        for page in reader.pages:
            page.get_contents()
        root: Any = reader.trailer["/Root"]
        names = root.get("/Names")
        if "/OpenAction" in root or "/AA" in root or (names and "/JavaScript" in names):
            return False
    except Exception:  # pypdf raises many kinds for a broken file; any means "not a PDF"
        logger.info("Refused an upload that does not parse as a PDF")
        return False
    return True


def _ole2_ok(upload, extension: str) -> bool:
    try:
        with olefile.OleFileIO(upload) as document:
            return document.exists(OLE2_STREAMS[extension]) and not document.exists("Macros")
    except Exception:  # olefile raises OSError and others for a broken container
        logger.info("Refused an upload that is not a sound OLE2 file")
        return False


def _ooxml_ok(upload, extension: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as package:
            members = package.infolist()
            if len(members) > MAX_MEMBERS:
                return False
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                return False
            if any(ACTIVE_MEMBER.search(m.filename) for m in members):
                return False
            # Reads every member whole and checks its CRC.
            if package.testzip() is not None:
                return False
            content_types = package.read("[Content_Types].xml").decode("utf-8", "replace")
            for member in members:
                if member.filename.endswith(".xml") and ACTIVE_MARKUP.search(package.read(member)):
                    return False
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return False
    return OOXML_TYPES[extension] in content_types


def _looks_like_markup(upload) -> bool:
    """True when the bytes, read whole in chunks, hold markup a browser would render."""
    upload.seek(0)
    tail = b""
    for chunk in upload.chunks():
        window = tail + chunk
        if ACTIVE_MARKUP.search(window):
            return True
        tail = window[-64:]
    return False


def validate_upload(upload) -> None:
    """Raise ValidationError unless `upload` is a sound PDF or Office file of at most 10 MB."""
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
        ok = head.startswith(PDF_MAGIC) and _pdf_ok(upload)
    elif extension in OLE2_EXTENSIONS:
        ok = head == OLE2_MAGIC and _ole2_ok(upload, extension)
    else:
        ok = head.startswith(ZIP_MAGIC) and _ooxml_ok(upload, extension)
    ok = ok and not _looks_like_markup(upload)
    upload.seek(0)
    if not ok:
        raise _bad_content()


class SubmissionStorage(PrivateFileSystemStorage):
    """What the initial migration names; the field now uses medhome.storage.private_storage."""
