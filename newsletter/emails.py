"""The messages the newsletter sends, each in the subscriber's language.

Every message to a subscriber carries the RFC 8058 one-click unsubscribe
headers and a preferences link in its footer.
"""

import email.policy

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from newsletter import tokens


class NewsletterMessage(EmailMultiAlternatives):
    """Headers are folded at RFC 5322's 998 characters, not 78: the standard folder would
    turn the long unsubscribe URL into an encoded-word, which mail providers do not read."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


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


def _message(subscriber, template: str, context: dict, *, to: str | None = None, prefix=""):
    with translation.override(subscriber.language):
        links = subscriber_links(subscriber)
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


def issue_message(
    issue,
    subscriber,
    *,
    to: str | None = None,
    test: bool = False,
    topic_ids: frozenset[int] | None = None,
):
    """The issue as mailed to one subscriber: the sections on their topics first, then
    what is new in those topics since the last issue. Prefetch the sections (see
    services.issue_for_sending) and the subscribers' topics for big sends; the
    message depends only on the language and `topic_ids` besides the address."""
    if topic_ids is None:
        topic_ids = subscriber.topic_ids()
    with translation.override(subscriber.language):
        context = {
            "issue": issue,
            "sections": issue.sections_for(topic_ids),
            "new_in_topics": issue.new_in_topics(topic_ids),
            "issue_url": absolute(issue.get_absolute_url()),
            "test": test,
        }
        label = gettext("Test")
        prefix = f"[{label}] " if test else ""
    return _message(subscriber, "issue", context, to=to, prefix=prefix)
