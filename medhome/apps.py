from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MedhomeConfig(AppConfig):
    name = "medhome"
    verbose_name = _("Site pages")

    def ready(self):
        from medhome.staff import history, roles

        history.register_history()
        # Role groups pick up the models of apps migrated later.
        post_migrate.connect(
            roles.sync_roles_after_migrate, sender=self, dispatch_uid="medhome-roles"
        )
        # medhome has no admin.py of its own: its admin (Page, the admin's titles)
        # lives with the staff layer.
        from medhome.staff import admin  # noqa: F401
