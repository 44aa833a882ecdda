from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Frequently asked questions")

    def ready(self) -> None:
        from medhome.search import register_provider, register_suggester

        from .search import site_search, suggest

        register_provider("faq", site_search, order=10)
        register_suggester(suggest)
