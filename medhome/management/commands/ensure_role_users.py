import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from medhome.second_factor import enrol
from medhome.staff import roles

# One local account per role, to try each role's work in `make run`.
USERS = {
    "editor": roles.CONTENT_EDITOR,
    "publisher": roles.PUBLISHER,
    "coordinator": roles.MENTORSHIP_COORDINATOR,
    "newsletter": roles.NEWSLETTER_MANAGER,
    "administrator": roles.ADMINISTRATOR,
}


class Command(BaseCommand):
    help = "Local development only: create one staff account per role and print its password."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Role demo accounts are for local development (DEBUG=true) only.")
        roles.sync_roles()
        User = get_user_model()
        for username, role in USERS.items():
            user = User.objects.filter(username=username).first()
            if user is not None:
                self.stdout.write(f"{role}: '{username}' exists (password printed on first run)")
            else:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(
                    username, f"{username}@example.org", password, is_staff=True
                )
                user.groups.set([Group.objects.get(name=role)])
                self.stdout.write(f"{role}: sign in as '{username}' with password: {password}")
            self.stdout.write(f"  '{username}' authenticator: {enrol(user).uri}")
