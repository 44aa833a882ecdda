from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class MedhomeConfig(AppConfig):
    name = "medhome"
    verbose_name = _("Site pages")

    def ready(self) -> None:
        from medhome import search, search_engines, search_spelling
        from medhome.staff import history, names, roles

        history.register_history()
        names.name_installed_apps()
        # Role groups pick up the models of apps migrated later.
        post_migrate.connect(
            roles.sync_roles_after_migrate, sender=self, dispatch_uid="medhome-roles"
        )
        # SQLite's FTS5 tables and triggers follow the indexes registered in code.
        post_migrate.connect(
            search_engines.rebuild_after_migrate, sender=self, dispatch_uid="medhome-search"
        )
        post_save.connect(search_spelling.words_added_on_save, dispatch_uid="medhome-search-words")
        # Saving public content moves the version its cached counts are kept under.
        from medhome import cache

        cache.connect_signals()
        from medhome import search_pages

        search.register_provider("pages", search_pages.site_search, order=60)
        # medhome has no admin.py of its own: its admin (Page, the admin's titles)
        # lives with the staff layer.
        from medhome.staff import admin  # noqa: F401
