"""The toolkit page, rendered by toolkit.views and by the site layer (which sends a
toolkit by email through the newsletter and shows the form again when it has errors)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medhome.breadcrumbs import trail
from resources.models import Resource

from . import lists
from .forms import ToolkitEmailForm


def resources_in_order(ids: list[int]) -> list[Resource]:
    """Published resources with these ids, in the toolkit's order: two queries."""
    found = Resource.objects.published().for_cards().in_bulk(ids)
    return [found[i] for i in ids if i in found]


def mine(request) -> list[Resource]:
    """The visitor's own toolkit (their session), published resources only."""
    return resources_in_order(lists.in_session(request.session))


def page(request, *, email_form=None, status=200) -> HttpResponse:
    """The toolkit page: a shared list (?list=...) or the visitor's own. The site layer
    renders it too, with the bound "send by email" form when that form has errors."""
    shared = request.GET.get("list")
    shared_ids = lists.unsign(shared) if shared is not None else None
    resources = resources_in_order(shared_ids) if shared_ids is not None else mine(request)
    share_url = None
    if resources:
        share_url = request.build_absolute_uri(
            reverse("toolkit:page") + "?list=" + lists.sign([r.pk for r in resources])
        )
    return render(
        request,
        "toolkit/toolkit.html",
        {
            "resources": resources,
            "shared": shared_ids is not None,
            "bad_link": shared is not None and shared_ids is None,
            "share_url": share_url,
            "email_form": email_form or ToolkitEmailForm(request=request),
            "breadcrumbs": trail(here=_("My toolkit")),
        },
        status=status,
    )
