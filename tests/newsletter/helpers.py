"""Helpers shared by the newsletter tests."""

import re

from django.core import mail
from django.test import Client

from newsletter.forms import SubscribeForm

URL = re.compile(r"https?://[^\s<>\"]+")


def signup_data(**extra) -> dict:
    started = SubscribeForm().initial["started"]
    return {"email": "parent@example.org", "language": "en", "started": started, **extra}


def links_in(text: str) -> list[str]:
    return URL.findall(text)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def link_to(message, fragment: str) -> str:
    """The site path of the first link in a message's text part that contains fragment."""
    return next(path_of(u) for u in links_in(message.body) if fragment in u)


def last_message():
    return mail.outbox[-1]


def cookieless_client() -> Client:
    return Client(enforce_csrf_checks=True)
