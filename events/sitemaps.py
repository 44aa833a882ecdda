from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event


class EventSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Event.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class EventPagesSitemap(Sitemap):
    """The list of upcoming events and the archive."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["events:list", "events:past"]

    def location(self, item):
        return reverse(item)
