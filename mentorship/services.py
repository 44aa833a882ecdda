"""Accepting the public's requests: store first, then confirm by email.

A failed email never loses a request: it is logged and a task retries it.
"""

import logging

from django.db import transaction

from mentorship import emails
from mentorship.emails import Request
from mentorship.models import AssistanceRequest, IntroductionRequest, Mentor
from mentorship.tasks import send_request_confirmation

logger = logging.getLogger(__name__)


def confirmation_send_or_queue(*, item: Request) -> bool:
    """True when the email went out now; otherwise a retry is queued for the worker."""
    try:
        emails.confirmation_send(item=item)
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
