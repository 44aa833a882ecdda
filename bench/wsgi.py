"""The benchmark's WSGI entry: the site (with bench.settings) plus ceiling A.

Ceiling A is a bare Django view called without any middleware: the most a
gunicorn worker can answer on this machine. Everything else goes to the
ordinary Django application, exactly as medhome.wsgi serves it.
"""

import os
from collections.abc import Iterable

from django.core.handlers.wsgi import WSGIRequest
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
site = get_wsgi_application()


def ceiling_a(request) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def application(environ, start_response) -> Iterable[bytes]:
    if environ.get("PATH_INFO") == "/__bench/a":
        response = ceiling_a(WSGIRequest(environ))
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]
    return site(environ, start_response)
