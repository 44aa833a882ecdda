from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from medhome.forms import same_site_post
from resources.models import Resource

from . import lists
from .page import page, resources_in_order


def toolkit(request) -> HttpResponse:
    return page(request)


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("toolkit:page")


def _resource(request):
    try:
        pk = int(request.POST.get("resource", ""))
    except ValueError:
        pk = 0
    return get_object_or_404(Resource.objects.published(), pk=pk)


# The toolkit lives in the visitor's own session, whose cookie is SameSite=Lax:
# another site's form cannot reach it, and a card's button must work on pages
# that are cached without a per-visitor CSRF token. A post that says it comes from
# another site's page is refused all the same (same_site_post).
@same_site_post
def add(request) -> HttpResponseRedirect:
    resource = _resource(request)
    if lists.add(request.session, resource.pk):
        messages.success(request, _("“%(title)s” is in your toolkit.") % {"title": resource.title})
    elif resource.pk in lists.in_session(request.session):
        messages.info(
            request, _("“%(title)s” was already in your toolkit.") % {"title": resource.title}
        )
    else:
        messages.error(
            request,
            _("Your toolkit is full (%(max)d resources). Remove one to add another.")
            % {"max": lists.MAX_ITEMS},
        )
    return _back(request)


@same_site_post
def remove(request) -> HttpResponseRedirect:
    resource = _resource(request)
    lists.remove(request.session, resource.pk)
    messages.success(
        request, _("“%(title)s” is no longer in your toolkit.") % {"title": resource.title}
    )
    return _back(request)


@same_site_post
def keep(request) -> HttpResponseRedirect:
    """Save a shared list as the visitor's own toolkit."""
    ids = lists.unsign(request.POST.get("list", ""))
    if ids is None:
        messages.error(request, _("That toolkit link is not valid."))
    else:
        lists.replace(request.session, [r.pk for r in resources_in_order(ids)])
        messages.success(request, _("These resources are now your toolkit."))
    return redirect("toolkit:page")
