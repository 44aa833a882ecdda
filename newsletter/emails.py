"""The messages the newsletter sends, each in the subscriber's language.

Every message to a subscriber carries the RFC 8058 one-click unsubscribe
headers and a preferences link in its footer.
"""

import binascii
import email.message
import email.policy
import uuid
from email.utils import formatdate, make_msgid
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from newsletter import alerts, tokens


class NewsletterMessage(EmailMultiAlternatives):
    """Headers are folded at RFC 5322's 998 characters, not 78: the standard folder would
    turn the long unsubscribe URL into an encoded-word, which mail providers do not read."""

    def message(self, *, policy=email.policy.default) -> email.message.EmailMessage:
        return super().message(policy=policy.clone(max_line_length=998))


# Headers folded at RFC 5322's 998 characters, CRLF line ends, as Django's SMTP backend sends.
WIRE_POLICY = email.policy.SMTP.clone(max_line_length=998)


class RawMessage:
    """An already-serialised message: what the mail backends ask of `message()`."""

    def __init__(self, data: bytes):
        self.data = data

    def as_bytes(self, *args, **kwargs) -> bytes:
        return self.data

    def as_string(self, *args, **kwargs) -> str:
        return self.data.decode("ascii")


class PreparedMessage(EmailMultiAlternatives):
    """An issue message whose MIME bytes were put together from a per-language frame.

    Building a message with the `email` package costs milliseconds (header parsing and
    folding, body encoding); a send of 100,000 cannot afford that per message. The
    frame's headers are folded once per language; each message only quoted-printable
    encodes its two bodies (in C) and adds its own To, Date, Message-ID and links.
    """

    raw: bytes = b""

    # The mail backends only call as_bytes(), which RawMessage answers without parsing.
    def message(self, *, policy=None) -> RawMessage:  # type: ignore[override]
        return RawMessage(self.raw)


def _qp(text: str) -> bytes:
    encoded = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return encoded.replace(b"\n", b"\r\n")


def _header(name: str, value: str) -> bytes:
    if value.isascii() and "\r" not in value and "\n" not in value:
        return f"{name}: {value}\r\n".encode("ascii")
    return WIRE_POLICY.fold_binary(name, value)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def subscriber_links(subscriber) -> dict[str, str]:
    """Unsubscribe and preferences URLs (absolute) in the active language."""
    return {
        "unsubscribe_url": absolute(
            reverse("newsletter:unsubscribe", args=[tokens.make(subscriber, tokens.UNSUBSCRIBE)])
        ),
        "preferences_url": absolute(
            reverse("newsletter:preferences", args=[tokens.make(subscriber, tokens.PREFERENCES)])
        ),
    }


def _message(
    subscriber,
    template: str,
    context: dict,
    *,
    to: str | None = None,
    prefix="",
    unsubscribe_url: str = "",
):
    """One message to a subscriber; `unsubscribe_url` replaces the newsletter's own
    one-click unsubscribe (an alert's message stops that alert)."""
    with translation.override(subscriber.language):
        links = subscriber_links(subscriber)
        if unsubscribe_url:
            links["unsubscribe_url"] = unsubscribe_url
        context = {
            **context,
            **links,
            "subscriber": subscriber,
            "site_url": settings.SITE_URL,
            "center": settings.CENTER,
            "archive_url": absolute(reverse("newsletter:index")),
        }
        subject = render_to_string(f"newsletter/email/{template}_subject.txt", context)
        text = render_to_string(f"newsletter/email/{template}.txt", context)
        html = render_to_string(f"newsletter/email/{template}.html", context)
    message = NewsletterMessage(
        subject=prefix + " ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to or subscriber.email],
        headers={
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscriber) -> EmailMultiAlternatives:
    with translation.override(subscriber.language):
        confirm_url = absolute(
            reverse("newsletter:confirm", args=[tokens.make(subscriber, tokens.CONFIRM)])
        )
    return _message(subscriber, "confirm", {"confirm_url": confirm_url})


def alert_confirmation_message(alert) -> EmailMultiAlternatives:
    """Asks the address's owner to confirm their resource alerts. Sent to an address
    nobody has verified yet, so it repeats none of the filter's words: it names only
    our own topics, types and audiences, never the search words."""
    subscriber = alert.subscriber
    with translation.override(subscriber.language):
        confirm_url = absolute(
            reverse("newsletter:confirm", args=[tokens.make(subscriber, tokens.CONFIRM_ALERTS)])
        )
        alerts.describe([alert])
    return _message(
        subscriber,
        "alert_confirm",
        {"confirm_url": confirm_url, "summary": alert.summary, "with_words": bool(alert.words)},
    )


def alert_message(alert, resources) -> EmailMultiAlternatives:
    """The week's new resources for one alert, with a one-click stop for that alert."""
    subscriber = alert.subscriber
    with translation.override(subscriber.language):
        stop_url = absolute(reverse("newsletter:alert_stop", args=[tokens.make_stop(alert)]))
        alerts.describe([alert])
        library_url = absolute(reverse("resources:list")) + "?" + alert.library_query
        items = [
            {"title": r.title, "summary": r.summary, "url": absolute(r.get_absolute_url())}
            for r in resources
        ]
    return _message(
        subscriber,
        "alert",
        {
            "alert": alert,
            "resources": items,
            "library_url": library_url,
            "stop_url": stop_url,
        },
        unsubscribe_url=stop_url,
    )


# Stand-ins for each subscriber's own links: the issue is rendered once per language (and
# topic set) with these in place, then each message swaps in the subscriber's links.
# Letters, digits and dashes only, so no escaping in the templates changes them.
UNSUBSCRIBE_MARK = "medhome-unsubscribe-url-0d7f3a"
PREFERENCES_MARK = "medhome-preferences-url-0d7f3a"
_TOKEN_MARK = "medhome-token-0d7f3a"  # noqa: S105 - a stand-in, not a secret


class IssueRenderer:
    """Builds an issue's messages for many subscribers.

    The templates run once per (language, topic set, test flag); each subscriber's
    message then only gets their two signed links substituted in, so a send of 100,000
    messages renders the templates a handful of times.
    """

    def __init__(self, issue):
        self.issue = issue
        self._parts: dict[tuple, tuple[str, str, str, bytes, bytes, bytes, bytes]] = {}
        self._url_frames: dict[str, dict[str, tuple[str, str]]] = {}

    def _frame(self, language: str) -> dict[str, tuple[str, str]]:
        """Prefix and suffix of the unsubscribe and preferences URLs around the token."""
        if language not in self._url_frames:
            with translation.override(language):
                frames = {}
                for name in ("unsubscribe", "preferences"):
                    url = absolute(reverse(f"newsletter:{name}", args=[_TOKEN_MARK]))
                    before, after = url.split(_TOKEN_MARK)
                    frames[name] = (before, after)
            self._url_frames[language] = frames
        return self._url_frames[language]

    def _render(self, language: str, topic_ids: frozenset, test: bool):
        key = (language, topic_ids, test)
        if key not in self._parts:
            issue = self.issue
            with translation.override(language):
                context = {
                    "issue": issue,
                    # The sections on the reader's topics first, then what is new in
                    # those topics since the last issue (Issue.sections_for).
                    "sections": issue.sections_for(topic_ids),
                    "new_in_topics": issue.new_in_topics(topic_ids),
                    "issue_url": absolute(issue.get_absolute_url()),
                    "test": test,
                    "unsubscribe_url": UNSUBSCRIBE_MARK,
                    "preferences_url": PREFERENCES_MARK,
                    "site_url": settings.SITE_URL,
                    "center": settings.CENTER,
                    "archive_url": absolute(reverse("newsletter:index")),
                }
                subject: str = render_to_string("newsletter/email/issue_subject.txt", context)
                text = render_to_string("newsletter/email/issue.txt", context)
                html = render_to_string("newsletter/email/issue.html", context)
                prefix = f"[{gettext('Test')}] " if test else ""
            subject = prefix + " ".join(subject.split())
            boundary = f"=_medhome_{uuid.uuid4().hex}"  # "=_" never occurs in QP bodies
            frame = b"".join(
                [
                    _header("Subject", subject),
                    _header("From", settings.DEFAULT_FROM_EMAIL),
                    b"MIME-Version: 1.0\r\n",
                    f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n'.encode(),
                    b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
                ]
            )
            part = (
                f'--{boundary}\r\nContent-Type: text/%s; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            )
            self._parts[key] = (
                subject,
                text,
                html,
                frame,
                (part % "plain").encode(),
                (part % "html").encode(),
                f"\r\n--{boundary}--\r\n".encode(),
            )
        return self._parts[key]

    def links(self, subscriber, language: str) -> dict[str, str]:
        frame = self._frame(language)
        return {
            name: f"{frame[name][0]}{tokens.make(subscriber, purpose)}{frame[name][1]}"
            for name, purpose in (
                ("unsubscribe", tokens.UNSUBSCRIBE),
                ("preferences", tokens.PREFERENCES),
            )
        }

    def message(
        self,
        subscriber,
        *,
        topic_ids: frozenset = frozenset(),
        to: str | None = None,
        test: bool = False,
    ) -> PreparedMessage:
        """`subscriber` needs only pk, email and language (a row, not a model instance)."""
        language = subscriber.language
        subject, text, html, frame, text_head, html_head, end = self._render(
            language, topic_ids, test
        )
        links = self.links(subscriber, language)
        unsubscribe, preferences = links["unsubscribe"], links["preferences"]
        text = text.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(PREFERENCES_MARK, preferences)
        html = html.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(PREFERENCES_MARK, preferences)
        recipient = to or subscriber.email
        message = PreparedMessage(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            alternatives=[(html, "text/html")],
        )
        message.raw = b"".join(
            [
                frame,
                _header("To", recipient),
                _header("Date", formatdate(localtime=False)),
                _header("Message-ID", make_msgid(domain=DNS_NAME)),
                _header("List-Unsubscribe", f"<{unsubscribe}>"),
                b"\r\n",
                text_head,
                _qp(text),
                b"\r\n",
                html_head,
                _qp(html),
                end,
            ]
        )
        return message


def issue_message(
    issue,
    subscriber,
    *,
    to: str | None = None,
    test: bool = False,
    topic_ids: frozenset[int] | None = None,
) -> PreparedMessage:
    """The issue as mailed to one subscriber (previews, tests, one-off sends): the
    sections on their topics first, then what is new in those topics since the last
    issue. Big sends use one IssueRenderer for all (services.issue_send)."""
    if topic_ids is None:
        topic_ids = subscriber.topic_ids()
    return IssueRenderer(issue).message(
        subscriber, topic_ids=frozenset(topic_ids), to=to, test=test
    )


def _toolkit_url(list_token: str) -> str:
    return absolute(reverse("toolkit:page") + "?" + urlencode({"list": list_token}))


def toolkit_message(subscriber, *, resources, list_token: str) -> EmailMultiAlternatives:
    """A toolkit for a confirmed subscriber: the list, in their language."""
    with translation.override(subscriber.language):
        context = {
            "resources": [(r.title, absolute(r.get_absolute_url())) for r in resources],
            "toolkit_url": _toolkit_url(list_token),
        }
    return _message(subscriber, "toolkit", context)


def toolkit_link_message(*, email: str, list_token: str, language: str) -> EmailMessage:
    """A toolkit for an address nobody has confirmed: our own words and our signed link,
    nothing else (not even the titles someone chose)."""
    with translation.override(language):
        context = {
            "toolkit_url": _toolkit_url(list_token),
            "center": settings.CENTER,
            "newsletter_url": absolute(reverse("newsletter:index")),
        }
        subject = render_to_string("newsletter/email/toolkit_link_subject.txt", context)
        body = render_to_string("newsletter/email/toolkit_link.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )
