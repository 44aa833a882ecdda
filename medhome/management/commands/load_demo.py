from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the demo content from fixtures/*.json in name order. Every fixture row "
        "has a fixed primary key, so running it again updates rows instead of adding them."
    )

    def handle(self, *args, **options):
        fixtures = sorted(str(p) for p in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
        if not fixtures:
            self.stdout.write("No demo fixtures found.")
            return
        # One call, so fixtures may refer to rows in one another.
        call_command("loaddata", *fixtures, verbosity=0)
        # loaddata writes raw rows: rebuild the search index and its vocabulary.
        call_command("rebuild_search_index", verbosity=0)
        self.stdout.write(f"Loaded demo content from {len(fixtures)} fixture files.")
