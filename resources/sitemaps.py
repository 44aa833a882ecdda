from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Resource, ResourceQuerySet


class ResourceSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> ResourceQuerySet:
        return Resource.objects.published().order_by("pk")

    def lastmod(self, obj) -> datetime:
        return obj.updated_at


class ResourcePagesSitemap(Sitemap):
    """The library's list page (the audience pages are medhome.audiences')."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["list"]

    def location(self, item) -> str:
        return reverse("resources:list")
