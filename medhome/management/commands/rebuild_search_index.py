from django.core.management.base import BaseCommand

from medhome import search_engines


class Command(BaseCommand):
    help = (
        "Rebuild the search index of the current database (SQLite: the FTS5 tables and "
        "their triggers; PostgreSQL: the stored vectors) and the vocabulary misspelt "
        "words are corrected against. Safe to run at any time."
    )

    def handle(self, *args, **options) -> None:
        search_engines.rebuild(vocabulary=False)
        from medhome.search_spelling import rebuild_vocabulary

        words = rebuild_vocabulary()
        self.stdout.write(f"Search index rebuilt; the vocabulary has {words} words.")
