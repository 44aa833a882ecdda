from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        from medhome.search import register_provider

        from .search import site_search

        register_provider("newsletter", site_search, order=50)
