from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Frequently asked questions")

    def ready(self):
        # The staff workflow's admin (history, publish permission); see the module.
        from faq import admin_staff  # noqa: F401
