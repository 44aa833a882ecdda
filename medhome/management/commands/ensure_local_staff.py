import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from medhome.second_factor import enrol

USERNAME = "staff"


class Command(BaseCommand):
    help = "Create a local administrator account on first run and print its password."

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is not None:
            self.stdout.write(
                f"Staff sign-in: user '{USERNAME}' (password printed on first run; "
                f"reset it with: .venv/bin/python manage.py changepassword {USERNAME})"
            )
        else:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_superuser(USERNAME, "staff@example.org", password)
            self.stdout.write(
                f"Created the local staff account. Sign in at /admin/ as '{USERNAME}' "
                f"with password: {password}"
            )
        # The second factor: add this address to an authenticator app, then sign in
        # with the six-digit code it shows.
        enrolment = enrol(user)
        self.stdout.write(f"  '{USERNAME}' authenticator: {enrolment.uri}")
        if enrolment.recovery_codes:
            self.stdout.write(
                f"  '{USERNAME}' recovery codes: {' '.join(enrolment.recovery_codes)}"
            )
