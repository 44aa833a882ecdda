from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ToolkitSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "yearly"

    def items(self) -> list[str]:
        return ["toolkit:page"]

    def location(self, item) -> str:
        return reverse(item)
