import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "staff"


class Command(BaseCommand):
    help = "Create a local administrator account on first run and print its password."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Staff sign-in: user '{USERNAME}' (password printed on first run; "
                f"reset it with: .venv/bin/python manage.py changepassword {USERNAME})"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, "staff@example.org", password)
        self.stdout.write(
            f"Created the local staff account. Sign in at /admin/ as '{USERNAME}' "
            f"with password: {password}"
        )
