"""Send my toolkit by email: the site layer joins the toolkit (the visitor's list) and
the newsletter (the verified path), so neither app imports the other."""

import logging
import smtplib

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medhome import ratelimit
from newsletter.services import toolkit_send
from toolkit import lists
from toolkit.forms import ToolkitEmailForm
from toolkit.page import mine, page

logger = logging.getLogger(__name__)

# Besides the hourly limit of every public form: one address (and one client) gets at
# most this many toolkits a day, so nobody can flood someone else's inbox with our mail.
DAILY_LIMIT = "10/d"


@require_POST
def send_toolkit(request) -> HttpResponse:
    resources = mine(request)
    if not resources:
        messages.error(request, _("Your toolkit is empty: add resources before sending it."))
        return redirect("toolkit:page")
    form = ToolkitEmailForm(request.POST, request=request)
    if form.is_valid() and ratelimit.hit(
        request, "toolkit-email-day", rate=DAILY_LIMIT, identity=form.cleaned_data["email"]
    ):
        form.add_error(None, _("We have sent several toolkits today. Please try again tomorrow."))
    if not form.is_valid():
        return page(request, email_form=form, status=400)
    try:
        full = toolkit_send(
            email=form.cleaned_data["email"],
            resources=resources,
            list_token=lists.sign([r.pk for r in resources]),
            language=(get_language() or "en")[:2],
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("Sending a toolkit failed")
        messages.error(request, _("We could not send the email just now. Please try again later."))
        return redirect("toolkit:page")
    if full:
        messages.success(request, _("We sent your toolkit to that address."))
    else:
        messages.success(
            request,
            _(
                "We sent a link to your toolkit to that address. Addresses confirmed for "
                "our newsletter receive the whole list."
            ),
        )
    return redirect("toolkit:page")
