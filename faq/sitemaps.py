from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Category, Question


class FaqSitemap(Sitemap):
    """The FAQ page and each category page that has published questions."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        published = Question.objects.published().values("category")
        return ["index", *Category.objects.filter(pk__in=published).order_by("order", "slug")]

    def location(self, item):
        return reverse("faq:index") if item == "index" else item.get_absolute_url()
