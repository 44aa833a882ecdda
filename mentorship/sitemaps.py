from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from mentorship.models import Mentor, MentorQuerySet, State, StateQuerySet


class StateSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> StateQuerySet:
        return State.objects.published().order_by("code")

    def lastmod(self, obj) -> datetime:
        return obj.updated_at


class MentorSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> MentorQuerySet:
        return Mentor.objects.published().order_by("slug")

    def lastmod(self, obj) -> datetime:
        return obj.updated_at


class StateFactSheetSitemap(StateSitemap):
    def location(self, obj) -> str:
        return reverse("mentorship:fact_sheet", kwargs={"code": obj.code.lower()})


class ComparePageSitemap(Sitemap):
    """The page to pick states to compare (each comparison is only a query string)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["mentorship:compare"]

    def location(self, item) -> str:
        return reverse(item)


class NominationPageSitemap(ComparePageSitemap):
    """The form a practice or state team proposes itself with."""

    def items(self) -> list[str]:
        return ["mentorship:nominate"]
