"""The emails mentorship sends: a requester's confirmation, in their language.

mentorship.services hands `confirmation_message` to medhome.confirmations, which
sends it, stamps `confirmation_sent_at` and retries when sending fails.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from mentorship.models import AssistanceRequest, IntroductionRequest, Nomination

Request = IntroductionRequest | AssistanceRequest | Nomination

TEMPLATES = {
    IntroductionRequest: "mentorship/email/introduction_confirmation.txt",
    AssistanceRequest: "mentorship/email/assistance_confirmation.txt",
    Nomination: "mentorship/email/nomination_confirmation.txt",
}


def confirmation_message(item: Request) -> EmailMultiAlternatives:
    """The requester's confirmation, in the language they wrote in."""
    template = TEMPLATES[type(item)]
    with translation.override(item.language):
        subject = {
            IntroductionRequest: _("We received your introduction request"),
            AssistanceRequest: _("We received your request for help"),
            Nomination: _("We received your mentor nomination"),
        }[type(item)]
        body = render_to_string(template, {"item": item, "center": settings.CENTER})
    return EmailMultiAlternatives(subject, body, to=[item.email])
