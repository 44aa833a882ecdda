"""A visitor's toolkit: an ordered list of resource ids, kept in their session
and shared as a signed, compact list in a URL (no account, nothing else stored).

The shared form is the ids in base 36 joined by dots, then Django's signature:
`1.5.z:Abc...`. The signature stops anyone from passing off a list as ours
with ids they guessed; the ids themselves are public anyway."""

from django.core import signing

SESSION_KEY = "toolkit"
MAX_ITEMS = 50
_SALT = "toolkit.share"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36(number: int) -> str:
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
        if not number:
            return text


def in_session(session) -> list[int]:
    ids = session.get(SESSION_KEY, [])
    return [i for i in ids if isinstance(i, int)][:MAX_ITEMS]


def add(session, resource_id: int) -> bool:
    """Add to the end; False when it was there already or the toolkit is full."""
    ids = in_session(session)
    if resource_id in ids or len(ids) >= MAX_ITEMS:
        return False
    session[SESSION_KEY] = [*ids, resource_id]
    return True


def remove(session, resource_id: int) -> None:
    session[SESSION_KEY] = [i for i in in_session(session) if i != resource_id]


def replace(session, ids: list[int]) -> None:
    session[SESSION_KEY] = list(dict.fromkeys(ids))[:MAX_ITEMS]


def sign(ids: list[int]) -> str:
    return signing.Signer(salt=_SALT).sign(".".join(_b36(i) for i in ids))


def unsign(value: str) -> list[int] | None:
    """The ids of a shared list, or None when it is not one of ours."""
    try:
        text = signing.Signer(salt=_SALT).unsign(value or "")
        ids = [int(part, 36) for part in text.split(".") if part]
    except (signing.BadSignature, ValueError):
        return None
    return list(dict.fromkeys(ids))[:MAX_ITEMS]
