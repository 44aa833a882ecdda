from django.core.management.base import BaseCommand

from resources.linkcheck import check_links


class Command(BaseCommand):
    help = "Check every external link of published resources and record what each returns."

    def handle(self, *args, **options) -> None:
        summary = check_links()
        self.stdout.write(f"Checked {summary['checked']} links; {summary['broken']} broken.")
