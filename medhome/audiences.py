"""The three audience landing pages (families, clinicians, states).

They gather resources and FAQs, so they belong to the site layer, which may
import any app; `resources` must not import `faq`.
"""

from typing import Any, NotRequired, TypedDict

from django.contrib.sitemaps import Sitemap
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from faq.models import Question
from medhome import family_tools
from medhome.breadcrumbs import Label, trail
from resources.models import Resource

LANDING_LIMIT = 12


class Landing(TypedDict):
    title: Label
    intro: Label
    audiences: list[str]
    faq_categories: list[str]
    tools: NotRequired[bool]


# Which audiences and FAQ categories each page gathers.
LANDINGS: dict[str, Landing] = {
    "families": {
        "title": _("For families"),
        "intro": _(
            "Plain-language tools for parents and young people: what to expect from "
            "a medical home, care plans, questions to ask, and growing up into adult care."
        ),
        "audiences": ["families", "youth"],
        "faq_categories": ["for-families"],
        "tools": True,
    },
    "clinicians": {
        "title": _("For clinicians and practices"),
        "intro": _(
            "Tools for pediatric practices: care coordination, screening, family "
            "partnership, transitions, recognition and payment."
        ),
        "audiences": ["clinicians", "practice-staff"],
        "faq_categories": ["recognition", "tools-resources"],
    },
    "states": {
        "title": _("For states and public health"),
        "intro": _(
            "Evidence, policy briefs and state examples for Title V programs, "
            "public health agencies and policy makers."
        ),
        "audiences": ["title-v", "public-health", "policy"],
        "faq_categories": ["for-states"],
    },
}


class AudienceView(TemplateView):
    template_name = "medhome/audience.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        landing = LANDINGS.get(self.kwargs["slug"])
        if landing is None:
            raise Http404
        audiences = landing["audiences"]
        resources = Resource.objects.published().for_audiences(audiences)
        questions = Question.objects.published().for_landing(
            audiences=audiences, categories=landing["faq_categories"]
        )
        query = urlencode([("audience", slug) for slug in audiences])
        shown = list(resources.readable_first().for_cards()[:LANDING_LIMIT])
        return super().get_context_data(
            landing=landing,
            landing_slug=self.kwargs["slug"],
            tools=family_tools.tool_links() if landing.get("tools") else [],
            resources=shown,
            last_updated=max((r.updated_at for r in shown), default=None),
            resource_count=resources.count(),
            questions=questions[:LANDING_LIMIT],
            all_url=f"{reverse('resources:list')}?{query}",
            breadcrumbs=trail("resources", here=landing["title"]),
            **kwargs,
        )


class AudienceSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self) -> list[str]:
        return list(LANDINGS)

    def location(self, item) -> str:
        return reverse("audience", kwargs={"slug": item})
