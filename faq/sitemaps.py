from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Category, Question


class FaqSitemap(Sitemap):
    """The FAQ page, each category page that has published questions, and each
    published question's own page."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str | Category | Question]:
        published = Question.objects.published().values("category")
        categories = Category.objects.filter(pk__in=published).order_by("order", "slug")
        questions = (
            Question.objects.published()
            .only("pk", "slug")
            .order_by("category__order", "category__slug", "order", "pk")
        )
        return ["index", *categories, *questions]

    def location(self, item) -> str:
        return reverse("faq:index") if item == "index" else item.get_absolute_url()
