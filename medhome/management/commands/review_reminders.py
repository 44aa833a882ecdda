from django.core.management.base import BaseCommand

from medhome.staff import review


class Command(BaseCommand):
    help = (
        "Email the publishers the curated items not reviewed in 12 months (the weekly "
        "reminder, now). With --schedule, queue the weekly reminder task instead "
        "(next Monday 08:00) unless one is already queued: run it after migrating."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the weekly reminder instead of sending it now.",
        )

    def handle(self, *args, schedule=False, **options) -> None:
        if schedule:
            at = review.schedule_review_reminder()
            if at is None:
                self.stdout.write("The weekly review reminder is already queued (or cannot be).")
            else:
                self.stdout.write(f"The weekly review reminder is queued for {at:%Y-%m-%d %H:%M}.")
            return
        sent = review.send_review_reminders()
        self.stdout.write(f"Review reminder sent to {sent} publisher(s).")
