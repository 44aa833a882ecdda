from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self) -> None:
        from medhome.search import register_provider, register_suggester

        from .search import site_search, suggest

        register_provider("resources", site_search, order=20)
        register_suggester(suggest)
