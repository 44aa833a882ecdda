from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from newsletter.models import Issue, IssueQuerySet


class NewsletterIndexSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["newsletter:index"]

    def location(self, item) -> str:
        return reverse(item)


class IssueSitemap(Sitemap):
    """Sent, published issues only, as in the public archive."""

    i18n = True
    alternates = True
    x_default = True

    def items(self) -> IssueQuerySet:
        return Issue.objects.archive().order_by("-issue_date", "-pk")

    def lastmod(self, obj) -> datetime:
        return obj.updated_at
