"""The emails mentorship sends: a requester's confirmation, in their language.

Both mentorship.services (when a request arrives) and mentorship.tasks (the
retry) use this module; it imports neither.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentorship.models import AssistanceRequest, IntroductionRequest

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
