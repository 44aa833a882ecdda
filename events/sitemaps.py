from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event, EventQuerySet


class EventSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> EventQuerySet:
        return Event.objects.published().order_by("pk")

    def lastmod(self, obj) -> datetime:
        return obj.updated_at


class EventPagesSitemap(Sitemap):
    """The list of upcoming events and the archive."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["events:list", "events:past"]

    def location(self, item) -> str:
        return reverse(item)
