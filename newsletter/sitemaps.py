from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from newsletter.models import Issue


class NewsletterIndexSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["newsletter:index"]

    def location(self, item):
        return reverse(item)


class IssueSitemap(Sitemap):
    """Sent, published issues only, as in the public archive."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Issue.objects.archive().order_by("-issue_date", "-pk")

    def lastmod(self, obj):
        return obj.updated_at
