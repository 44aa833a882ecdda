"""The admin application with our two-factor site as `admin.site` (see second_factor.py)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "medhome.second_factor.StaffAdminSite"

    def ready(self) -> None:
        super().ready()
        # Connects the sign-in receiver that starts a staff session's clock, before any
        # login (not only once the middleware has loaded on a first request).
        import medhome.staff_sessions  # noqa: F401
        from medhome.lockout import add_unlock_action

        add_unlock_action()
