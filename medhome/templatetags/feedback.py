from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from medhome import feedback

register = template.Library()


def _title(subject) -> str:
    # The report lists pages under one name whatever language the visitor read.
    with translation.override(settings.LANGUAGE_CODE):
        return str(subject)


@register.inclusion_tag("includes/helpful.html", takes_context=True)
def helpful_form(context, subject) -> dict[str, Any]:
    """ "Was this page helpful?" for the page being shown; `subject` names it (an object
    or a title) in the staff report."""
    request = context["request"]
    page = feedback.page_key(request.path)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "target": feedback.make_target(page, _title(subject)),
        "voted": feedback.has_voted(request, page),
        "action": reverse("feedback"),
    }


@register.simple_tag(takes_context=True)
def voted_on(context, page: str) -> bool:
    """Whether this visitor answered "was this helpful?" for `page` (a page key)."""
    return feedback.has_voted(context["request"], page)
