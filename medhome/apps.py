from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedhomeConfig(AppConfig):
    name = "medhome"
    verbose_name = _("Site pages")
