"""What the site answers while its database is unreachable: a static, translated 503.

Any page whose database cannot be reached (refused, timed out, connection lost)
answers at once with a page that needs neither the database nor a context
processor, and a Retry-After. The next request opens a fresh connection, so the site
recovers by itself when the database is back.
"""

import math
import select
import threading
import time

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

UNAVAILABLE = (OperationalError, InterfaceError)
# Seconds of waiting on the database the request in this thread has left.
_request = threading.local()


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, UNAVAILABLE)


def unavailable_response(request) -> HttpResponse:
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string("503.html", {"LANGUAGE_CODE": language})
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response.headers["Retry-After"] = str(settings.DB_RETRY_AFTER)
    response.headers["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a view's database connection error into the 503 (medhome.views.server_error
    does the same for errors raised outside views)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Every database wait of this request draws on one budget (install_client_timeout),
        # so a frozen server costs a page DB_CLIENT_TIMEOUT in all, not per query; time
        # spent elsewhere (hashing a password, rendering) does not count.
        if settings.DB_CLIENT_TIMEOUT:
            _request.remaining = float(settings.DB_CLIENT_TIMEOUT)
        try:
            return self.get_response(request)
        finally:
            _request.remaining = math.inf

    def process_exception(self, request, exception) -> HttpResponse | None:
        if database_unavailable(exception):
            from django.db import connections

            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()
            return unavailable_response(request)
        return None


def install_client_timeout(seconds: float) -> None:
    """Bound every wait on PostgreSQL (connecting and each query) to `seconds` in this
    process, and all of one request's waits together to the same. A frozen server still accepts TCP and never answers, which neither
    connect_timeout nor statement_timeout can catch; psycopg2's wait callback can."""
    import psycopg2
    from psycopg2 import extensions

    def timed_out():
        _request.remaining = 0.0
        return psycopg2.OperationalError(f"the database did not answer within {seconds:g} s")

    def wait(conn):
        # This wait's limit: `seconds`, or what is left of the request's budget.
        budget = min(seconds, getattr(_request, "remaining", math.inf))
        start = time.monotonic()
        deadline = start + budget
        try:
            while True:
                state = conn.poll()
                if state == extensions.POLL_OK:
                    return
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise timed_out()
                if state == extensions.POLL_READ:
                    ready = select.select([conn.fileno()], [], [], remaining)[0]
                elif state == extensions.POLL_WRITE:
                    ready = select.select([], [conn.fileno()], [], remaining)[1]
                else:
                    raise psycopg2.OperationalError(f"bad state from poll: {state}")
                if not ready and time.monotonic() >= deadline:
                    raise timed_out()
        finally:
            if getattr(_request, "remaining", math.inf) != math.inf:
                _request.remaining = max(0.0, _request.remaining - (time.monotonic() - start))

    extensions.set_wait_callback(wait)
