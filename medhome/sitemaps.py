from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from medhome.models import Page


class StaticViewSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["home", "contact"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Page.objects.exclude(slug="contact")

    def lastmod(self, obj):
        return obj.updated_at


# Each app adds its own sitemap here as it gains public pages.
SITEMAPS = {"static": StaticViewSitemap, "pages": PageSitemap}
