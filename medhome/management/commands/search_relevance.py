import json

from django.core.management.base import BaseCommand, CommandError

from medhome.search_relevance import evaluate


class Command(BaseCommand):
    help = (
        "Run the search relevance set (medhome/search_relevance.json) against the current "
        "database (load the demo content first: manage.py load_demo) and print "
        "precision@3 and MRR for its engine. Run it once on SQLite and once with "
        "DATABASE_URL set to compare the engines."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument(
            "--fail-under",
            type=float,
            default=None,
            help="Exit non-zero when precision@3 or MRR is below this value.",
        )

    def handle(self, *args, **options) -> None:
        figures = evaluate()
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(
                f"{figures['engine']}: {figures['cases']} queries, "
                f"precision@3 {figures['precision_at_3']:.3f}, MRR {figures['mrr']:.3f}; "
                f"per query {figures['latency_ms']['median']} ms median, "
                f"{figures['latency_ms']['p95']} ms p95"
            )
            for failure in figures["failures"]:
                self.stdout.write(
                    f"  below: [{failure['lang']} {failure['kind']}] {failure['q']!r} "
                    f"(searched {failure['searched']!r}): top 3 {failure['top']}, "
                    f"expected {failure['expect']}"
                )
        floor = options["fail_under"]
        if floor is not None and min(figures["precision_at_3"], figures["mrr"]) < floor:
            raise CommandError(f"Relevance below {floor}.")
