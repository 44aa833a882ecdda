"""Accepting the public's requests: store first, then confirm by email.

A failed email never loses a request: medhome.confirmations logs it and retries.
"""

from medhome.confirmations import send_or_retry
from mentorship.emails import confirmation_message
from mentorship.models import AssistanceRequest, IntroductionRequest, Mentor, Nomination


def introduction_request_accept(*, form, mentor: Mentor, language: str) -> IntroductionRequest:
    item = form.save(commit=False)
    item.mentor = mentor
    item.language = language
    item.save()
    send_or_retry(item, confirmation_message)
    return item


def assistance_request_accept(*, form, language: str) -> AssistanceRequest:
    item = form.save(commit=False)
    item.language = language
    item.save()
    send_or_retry(item, confirmation_message)
    return item


def nomination_accept(*, form, language: str) -> Nomination:
    """Store a self-nomination for the coordinator's queue, then acknowledge it."""
    item = form.save(commit=False)
    item.language = language
    item.save()
    form.save_m2m()
    send_or_retry(item, confirmation_message)
    return item
