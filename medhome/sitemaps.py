from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.sitemaps import EventPagesSitemap, EventSitemap
from faq.sitemaps import FaqSitemap
from medhome.audiences import AudienceSitemap
from medhome.family_tools import FamilyToolsSitemap
from medhome.models import Page, PublishableQuerySet
from mentorship.sitemaps import (
    ComparePageSitemap,
    MentorSitemap,
    NominationPageSitemap,
    StateFactSheetSitemap,
    StateSitemap,
)
from newsletter.sitemaps import IssueSitemap, NewsletterIndexSitemap
from resources.sitemaps import ResourcePagesSitemap, ResourceSitemap
from toolkit.sitemaps import ToolkitSitemap


class StaticViewSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["home", "contact"]

    def location(self, item) -> str:
        return reverse(item)


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> PublishableQuerySet:
        return Page.objects.published().exclude(slug="contact")

    def lastmod(self, obj) -> datetime:
        return obj.updated_at


# Each app's public pages; every entry lists both languages with hreflang alternates.
SITEMAPS = {
    "static": StaticViewSitemap,
    "pages": PageSitemap,
    "faq": FaqSitemap,
    "resource-pages": ResourcePagesSitemap,
    "audiences": AudienceSitemap,
    "family-tools": FamilyToolsSitemap,
    "resources": ResourceSitemap,
    "states": StateSitemap,
    "mentors": MentorSitemap,
    "mentor-nomination": NominationPageSitemap,
    "state-compare": ComparePageSitemap,
    "state-fact-sheets": StateFactSheetSitemap,
    "newsletter": NewsletterIndexSitemap,
    "issues": IssueSitemap,
    "event-pages": EventPagesSitemap,
    "events": EventSitemap,
    "toolkit": ToolkitSitemap,
}
