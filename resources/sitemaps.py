from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Resource
from .views import LANDINGS


class ResourceSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Resource.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class ResourcePagesSitemap(Sitemap):
    """The list and the three audience pages."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["list", *LANDINGS]

    def location(self, item):
        if item == "list":
            return reverse("resources:list")
        return reverse("resources:audience", kwargs={"slug": item})
