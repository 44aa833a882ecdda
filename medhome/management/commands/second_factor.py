from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from medhome.second_factor import enrol


class Command(BaseCommand):
    help = (
        "Set up a staff account's second factor: print the otpauth:// address to add to an "
        "authenticator app, and new recovery codes. --renew replaces lost devices."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--renew", action="store_true", help="Replace the authenticator and recovery codes."
        )

    def handle(self, *args, username, renew, **options) -> None:
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        enrolment = enrol(user, renew=renew)
        self.stdout.write(f"Authenticator app (otpauth address): {enrolment.uri}")
        if enrolment.recovery_codes:
            self.stdout.write(
                "Recovery codes, each usable once (keep them safe): "
                + " ".join(enrolment.recovery_codes)
            )
        else:
            self.stdout.write("Recovery codes were printed before; --renew makes new ones.")
