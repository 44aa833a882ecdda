import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medhome.settings")
# The web process bounds its database waits (see DB_* in medhome/settings.py): a page
# must answer within a few seconds even when the database is frozen.
os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "5000")
os.environ.setdefault("DB_CLIENT_TIMEOUT", "5")
application = get_wsgi_application()


def _bound_database_waits():
    from django.conf import settings

    if settings.DB_CLIENT_TIMEOUT and settings.DATABASES["default"]["ENGINE"].endswith(
        "postgresql"
    ):
        from medhome.dbfaults import install_client_timeout

        install_client_timeout(settings.DB_CLIENT_TIMEOUT)


_bound_database_waits()
