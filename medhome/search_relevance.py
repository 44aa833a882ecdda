"""The relevance set (medhome/search_relevance.json) and its figures.

Each case is a query typed into one search box (the library or the FAQ) in one
language, with the items that must appear in the first three results. Queries
go through the same path as the pages: cleaned, misspelt words corrected, then
searched and ordered as the page orders them.

- precision@3: of the expected items (at most three), the share found in the
  top three; averaged over the cases.
- MRR: the mean of 1/rank of the first expected item (0 when it is not in the
  first ten).
"""

import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import connection
from django.utils import translation

from medhome import search

CASES = Path(__file__).with_name("search_relevance.json")
DEPTH = 10


@dataclass
class Outcome:
    q: str
    lang: str
    kind: str
    expect: list[str]
    searched: str
    top: list[str]
    precision: float
    reciprocal_rank: float


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cases"]


def ranked_slugs(kind: str, query: search.Query) -> list[str]:
    if kind == "resources":
        from resources.models import Resource

        rows = (
            Resource.objects.published()
            .search(query)
            .order_by("-search_rank", "-published_on", "pk")
        )
    elif kind == "faq":
        from faq.models import Question

        rows = (
            Question.objects.published()
            .search(query)
            .order_by("-search_rank", "category__order", "order", "pk")
        )
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return list(rows.values_list("slug", flat=True)[:DEPTH])


def run_case(case: dict) -> Outcome:
    with translation.override(case["lang"]):
        query = search.prepare(case["q"])
        top = ranked_slugs(case["kind"], query)
    expect = case["expect"]
    wanted = expect[:3]
    precision = sum(slug in top[:3] for slug in wanted) / len(wanted) if wanted else 1.0
    ranks = [top.index(slug) + 1 for slug in expect if slug in top]
    return Outcome(
        q=case["q"],
        lang=case["lang"],
        kind=case["kind"],
        expect=expect,
        searched=query.text,
        top=top[:3],
        precision=precision,
        reciprocal_rank=1 / min(ranks) if ranks else 0.0,
    )


def evaluate(cases: list[dict] | None = None) -> dict:
    """Figures for the current database's engine: precision@3, MRR, the time each
    query took (correction and the ranked first page, in milliseconds), and the
    cases below full precision."""
    outcomes, times = [], []
    for case in cases or load_cases():
        started = time.perf_counter()
        outcomes.append(run_case(case))
        times.append((time.perf_counter() - started) * 1000)
    n = len(outcomes) or 1
    times.sort()
    return {
        "engine": connection.vendor,
        "cases": len(outcomes),
        "precision_at_3": round(sum(o.precision for o in outcomes) / n, 4),
        "mrr": round(sum(o.reciprocal_rank for o in outcomes) / n, 4),
        "latency_ms": {
            "median": round(statistics.median(times), 1) if times else 0.0,
            "p95": round(times[int(0.95 * (len(times) - 1))], 1) if times else 0.0,
            "max": round(times[-1], 1) if times else 0.0,
        },
        "failures": [asdict(o) for o in outcomes if o.precision < 1.0],
    }
