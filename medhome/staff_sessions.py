"""Staff sessions end after 30 minutes without a request and 12 hours after sign-in.

Public visitors' sessions (FAQ votes, messages) are untouched. The limits are
settings (STAFF_SESSION_IDLE_SECONDS, STAFF_SESSION_MAX_SECONDS); the session
records when the staff member signed in and was last seen, and the cookie
itself is given the idle lifetime so the browser forgets it too.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

SIGNED_IN = "staff_signed_in_at"
LAST_SEEN = "staff_last_seen_at"
# "Last seen" is written at most this often, so most requests do not write the session.
SEEN_RESOLUTION_SECONDS = 60


@receiver(user_logged_in, dispatch_uid="medhome.staff_sessions.start")
def _start(sender, request, user, **kwargs) -> None:
    if request is not None and user.is_staff and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN] = now
        request.session[LAST_SEEN] = now
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)


def expired(session, now: float) -> bool:
    signed_in = session.get(SIGNED_IN)
    last_seen = session.get(LAST_SEEN, signed_in)
    if signed_in is None or last_seen is None:
        # A staff session from before these limits, or one made without signing in.
        return True
    return (
        now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS
        or now - signed_in > settings.STAFF_SESSION_MAX_SECONDS
    )


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = time.time()
            if expired(request.session, now):
                logout(request)
                messages.info(request, _("Your session ended. Please sign in again."))
            elif now - request.session.get(LAST_SEEN, 0) >= SEEN_RESOLUTION_SECONDS:
                request.session[LAST_SEEN] = int(now)
                request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)
