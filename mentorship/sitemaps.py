from django.contrib.sitemaps import Sitemap

from mentorship.models import Mentor, State


class StateSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return State.objects.published().order_by("code")

    def lastmod(self, obj):
        return obj.updated_at


class MentorSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return Mentor.objects.published().order_by("slug")

    def lastmod(self, obj):
        return obj.updated_at
