import sys
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView

from medhome import dbfaults
from medhome.breadcrumbs import trail
from medhome.mixins import StaffPreviewMixin
from medhome.models import Page

SEVEN_QUALITIES = [
    (_("Accessible"), _("Care is close to home, easy to reach, and you can get through when you call.")),
    (_("Family-centered"), _("The family is the expert on the child and a full partner in every decision.")),
    (_("Continuous"), _("The same team knows your child from infancy through the move to adult care.")),
    (_("Comprehensive"), _("Well care, sick care and care for ongoing conditions, all in one plan.")),
    (_("Coordinated"), _("Someone helps link doctors, specialists, schools and community services.")),
    (_("Compassionate"), _("The team cares about how your child and family are doing, not only the illness.")),
    (_("Culturally effective"), _("Care respects your culture and traditions and comes in your language.")),
]  # fmt: skip


class HomeView(TemplateView):
    """The front door: the model of care, one entry per audience, then a band from
    each app (featured resources, the state map, the newsletter). The bands are
    inclusion tags of their apps, loaded by the template: this module imports no app."""

    template_name = "medhome/home.html"
    extra_context = {"qualities": SEVEN_QUALITIES}


class PageView(StaffPreviewMixin, DetailView):
    model = Page
    context_object_name = "page"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            breadcrumbs=trail(here=self.object.title),
            last_updated=self.object.updated_at,
            **kwargs,
        )


def contact(request) -> HttpResponse:
    pages = Page.objects.all() if request.user.is_staff else Page.objects.published()
    page = get_object_or_404(pages, slug="contact")
    return render(
        request,
        "medhome/contact.html",
        {"page": page, "breadcrumbs": trail(here=page.title), "last_updated": page.updated_at},
    )


@never_cache
@require_GET
def livez(request) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response.headers["Retry-After"] = str(settings.DB_RETRY_AFTER)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def robots_txt(request) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def server_error(request) -> HttpResponse:
    # Called while the error is being handled: a database that cannot be reached is a
    # 503 with Retry-After (errors in middleware land here, not in a view's handler).
    if dbfaults.database_unavailable(sys.exc_info()[1]):
        return dbfaults.unavailable_response(request)
    # Rendered without context processors (they may need the database).
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string("500.html", {"LANGUAGE_CODE": language})
    return HttpResponse(html, status=500)
