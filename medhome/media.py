"""Public uploaded files, served by the site whatever the storage (folder or bucket).

Only the public storage ("default") is read: private uploads live in another storage
with no address. A file goes out with its type (from its name), nosniff, and a
Cache-Control that lets browsers and shared caches keep it; If-Modified-Since is
answered with 304 where the storage knows the file's time.
"""

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

# Documents a browser may show inline; anything else downloads.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


@require_safe
def media_file(request, path) -> FileResponse | HttpResponseNotModified:
    if not path or path.endswith("/") or any(part in ("", ".", "..") for part in path.split("/")):
        raise Http404
    try:
        if not default_storage.exists(path):
            raise Http404
        try:
            modified = default_storage.get_modified_time(path)
        except (NotImplementedError, OSError):
            modified = None
        if modified is not None:
            since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
            if since is not None and int(modified.timestamp()) <= since:
                return HttpResponseNotModified()
        handle = default_storage.open(path, "rb")
    except (SuspiciousFileOperation, ValueError):
        raise Http404 from None
    content_type, encoding = mimetypes.guess_type(path)
    content_type = content_type or "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=content_type not in INLINE_TYPES,
        filename=path.rsplit("/", 1)[-1],
    )
    if encoding:
        response.headers["Content-Encoding"] = encoding
    if modified is not None:
        response.headers["Last-Modified"] = http_date(modified.timestamp())
    response.headers["Cache-Control"] = f"public, max-age={settings.MEDIA_MAX_AGE}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
