"""The admin application with our two-factor site as `admin.site` (see second_factor.py)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "medhome.second_factor.StaffAdminSite"

    def ready(self) -> None:
        super().ready()
        from medhome.lockout import add_unlock_action

        add_unlock_action()
