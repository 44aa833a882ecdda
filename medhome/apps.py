from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MedhomeConfig(AppConfig):
    name = "medhome"
    verbose_name = _("Site pages")

    def ready(self):
        from medhome import history, roles

        history.register_history()
        # Role groups pick up the models of apps migrated later.
        post_migrate.connect(
            roles.sync_roles_after_migrate, sender=self, dispatch_uid="medhome-roles"
        )
