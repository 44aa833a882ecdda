"""Refuse a request body that is too large before reading any of it: 413 and a friendly page.

Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded
files; this middleware, first in the chain, reads the declared length and
answers 413 without touching the body. Public pages allow
MAX_REQUEST_BODY_BYTES (the 10 MB upload limit plus the form around it);
the admin, where staff upload resource files, STAFF_MAX_REQUEST_BODY_BYTES.
In the cluster nginx enforces the same limits first (client_max_body_size,
see docs/deploy.md) so a large body never reaches the app at all.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def body_limit(path: str) -> int:
    if path.startswith("/admin/"):
        return settings.STAFF_MAX_REQUEST_BODY_BYTES
    return settings.MAX_REQUEST_BODY_BYTES


def too_large(request: HttpRequest) -> HttpResponse:
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = render_to_string(
            "413.html",
            {
                "limit_mb": settings.MAX_REQUEST_BODY_BYTES // (1024 * 1024) - 1,
                "LANGUAGE_CODE": language,
                "center": settings.CENTER,
            },
        )
    response = HttpResponse(body, status=413)
    # The body was not read: the connection cannot be reused for another request.
    response["Connection"] = "close"
    return response


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit(request.path_info):
            return too_large(request)
        return self.get_response(request)
