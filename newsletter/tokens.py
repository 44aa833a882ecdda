"""Signed tokens in newsletter links: they name a subscriber without a login.

The confirmation link expires after a week; the unsubscribe and preferences
links in every message keep working, as people unsubscribe from old issues.
A token stops working when the address it was made for changes.
"""

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core import signing

if TYPE_CHECKING:
    from newsletter.models import Alert, Subscriber

CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"
PREFERENCES = "preferences"
# Confirms the resource alerts someone asked for at this address (not the newsletter).
CONFIRM_ALERTS = "confirm-alerts"
MAX_AGE = {
    CONFIRM: timedelta(days=7),
    UNSUBSCRIBE: None,
    PREFERENCES: None,
    CONFIRM_ALERTS: timedelta(days=7),
}
_STOP_ALERT = "newsletter.stop-alert"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def _email_tag(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12]


def make(subscriber, purpose: str) -> str:
    return signing.dumps(
        [subscriber.pk, _email_tag(subscriber.email)],
        salt=f"newsletter.{purpose}",
        compress=False,
    )


def read(token: str, purpose: str) -> "Subscriber":
    """The subscriber a token names; raises TokenExpired or TokenInvalid."""
    from newsletter.models import Subscriber

    try:
        pk, tag = signing.loads(token, salt=f"newsletter.{purpose}", max_age=MAX_AGE[purpose])
    except signing.SignatureExpired:
        raise TokenExpired from None
    except (signing.BadSignature, TypeError, ValueError):
        raise TokenInvalid from None
    subscriber = Subscriber.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if subscriber is None or _email_tag(subscriber.email) != tag:
        raise TokenInvalid
    return subscriber


def make_stop(alert) -> str:
    """The one-click stop of one alert (every alert message carries its own)."""
    return signing.dumps(
        [alert.pk, _email_tag(alert.subscriber.email)], salt=_STOP_ALERT, compress=False
    )


def read_stop(token: str) -> "Alert":
    """The alert a stop token names; raises TokenInvalid."""
    from newsletter.models import Alert

    try:
        pk, tag = signing.loads(token, salt=_STOP_ALERT)
    except (signing.BadSignature, TypeError, ValueError):
        raise TokenInvalid from None
    alert = (
        Alert.objects.select_related("subscriber").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if alert is None or _email_tag(alert.subscriber.email) != tag:
        raise TokenInvalid
    return alert
