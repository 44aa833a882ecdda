"""Accepting the public's requests: store first, then confirm by email.

A failed email never loses a request: it is logged and a task retries it.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentorship.models import AssistanceRequest, IntroductionRequest, Mentor

logger = logging.getLogger(__name__)

Request = IntroductionRequest | AssistanceRequest


def confirmation_send(*, item: Request) -> None:
    """Send the requester's confirmation in their language; raises if sending fails."""
    template = (
        "mentorship/email/introduction_confirmation.txt"
        if isinstance(item, IntroductionRequest)
        else "mentorship/email/assistance_confirmation.txt"
    )
    with translation.override(item.language):
        subject = (
            _("We received your introduction request")
            if isinstance(item, IntroductionRequest)
            else _("We received your request for help")
        )
        body = render_to_string(template, {"item": item, "center": settings.CENTER})
    EmailMultiAlternatives(subject, body, to=[item.email]).send()
    type(item).objects.filter(pk=item.pk).update(confirmation_sent_at=timezone.now())


def confirmation_send_or_queue(*, item: Request) -> bool:
    """True when the email went out now; otherwise a retry is queued for the worker."""
    from mentorship.tasks import send_request_confirmation

    try:
        confirmation_send(item=item)
    except Exception:
        logger.exception(
            "Confirmation email for %s %s failed; queued a retry", item._meta.label, item.pk
        )
        transaction.on_commit(lambda: send_request_confirmation.enqueue(item._meta.label, item.pk))
        return False
    return True


def introduction_request_accept(*, form, mentor: Mentor, language: str) -> IntroductionRequest:
    item = form.save(commit=False)
    item.mentor = mentor
    item.language = language
    item.save()
    confirmation_send_or_queue(item=item)
    return item


def assistance_request_accept(*, form, language: str) -> AssistanceRequest:
    item = form.save(commit=False)
    item.language = language
    item.save()
    confirmation_send_or_queue(item=item)
    return item
