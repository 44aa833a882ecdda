from django.core.management.base import BaseCommand

from newsletter.models import DeliveryStatus, Issue
from newsletter.tasks import send_issue


class Command(BaseCommand):
    help = (
        "Queue the sending task again for every issue that still has queued deliveries, "
        "e.g. after the worker was killed mid-send. Nobody already mailed is mailed again."
    )

    def handle(self, *args, **options) -> None:
        issues = Issue.objects.filter(deliveries__status=DeliveryStatus.QUEUED).distinct()
        for issue in issues:
            send_issue.enqueue(issue.pk)
            self.stdout.write(f"Resumed sending “{issue}”.")
        if not issues:
            self.stdout.write("No issue has deliveries waiting.")
