from django.core.management.base import BaseCommand

from newsletter import services


class Command(BaseCommand):
    help = (
        "Mail the resource alerts whose week is up: each gets the resources published "
        "since its last message that match its filter. The task worker does this on its "
        "own; run it by hand to send now."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help="Send every active alert now, whether or not its week is up.",
        )

    def handle(self, *args, **options) -> None:
        result = services.alerts_send_due(force=options["all"])
        self.stdout.write(
            f"Checked {result['checked']} alerts; {result['sent']} sent, "
            f"{result['failed']} failed."
        )
