"""Full-text search: one interface, two engines.

Every searchable model registers an `Index` (its weighted fields, which of them
are translated, which give the highlighted excerpt). `search(queryset, query,
index)` filters a queryset to what matches and annotates `search_rank` (higher
is better) and `search_headline` (raw text with private markers: pass it
through `render_headline`). The engine follows the database
(medhome.search_engines):

- PostgreSQL: weighted tsvectors (stored and trigger-maintained for the large
  tables, computed for the small ones) in text-search configurations that strip
  accents, Spanish stemming for Spanish text, `ts_rank` plus bonuses for a
  title match and an exact phrase, `ts_headline`.
- SQLite: FTS5 tables (`porter unicode61 remove_diacritics 2`) kept in sync by
  triggers, `bm25` with the same column weights and bonuses, `snippet`.

Misspelt words are corrected first (medhome.search_spelling) against the
vocabulary of the indexed text, then searched: a `Query` carries both what was
typed and what was searched, so a page can say "Showing results for X — search
instead for Y".

The site search (`/search/`) asks every registered provider for its group of
results; each app registers its own.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The base, re-exported: the apps and the migrations name these as medhome.search.*.
from medhome.search_index import (  # noqa: F401
    _START,
    _STOP,
    _WORD,
    CONFIGS,
    INDEXES,
    LANGUAGES,
    MAX_QUERY_LENGTH,
    AddIndexOnPostgres,
    Index,
    RemoveIndexOnPostgres,
    active_language,
    clean_query,
    fold,
    is_postgres,
    localized,
    register_index,
    words,
)

_MARKDOWN_NOISE = re.compile(r"\]\((?:https?|mailto):[^)\s]*\)|[*_#`>\[\]]")


# What is searched ----------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What was typed (`original`) and what is searched (`text`): they differ when
    a misspelt word was corrected."""

    text: str
    original: str = ""

    @property
    def corrected(self) -> bool:
        return bool(self.original) and self.original != self.text

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def prepare(raw, *, correct: bool = True) -> Query:
    """Clean a typed query and, unless told not to, correct words that match nothing."""
    if isinstance(raw, Query):
        return raw
    text = clean_query(raw)
    if not text or not correct:
        return Query(text, text)
    from medhome.search_spelling import correct_query

    return Query(correct_query(text) or text, text)


def search(queryset: QuerySet, query, index: Index | None = None) -> QuerySet:
    """`queryset` narrowed to what matches `query` (a string, corrected first, or a
    prepared Query), annotated with `search_rank` and `search_headline`."""
    query = prepare(query)
    if not query:
        return queryset
    from medhome.search_engines import engine

    index = index or INDEXES[queryset.model]
    return engine().search(queryset, query.text, index, active_language())


def title_match_rank() -> float:
    """The rank a title match adds, in the active engine's scale: for a match that
    is not in the indexed text but as strong (a mentor's state named in the query)."""
    from medhome.search_engines import SQLITE_SCALE, TITLE_BONUS

    return TITLE_BONUS if is_postgres() else TITLE_BONUS * SQLITE_SCALE


def suggest(queryset: QuerySet, prefix: str, index: Index | None = None) -> QuerySet:
    """`queryset` narrowed to rows whose text has words starting like the last word
    of `prefix` (and containing the words before it), best first."""
    from medhome.search_engines import engine

    index = index or INDEXES[queryset.model]
    return engine().suggest(queryset, clean_query(prefix), index, active_language())


def render_headline(raw: str | None) -> SafeString:
    """A highlighted excerpt as safe HTML: everything escaped, matches in <mark>."""
    if not raw:
        return mark_safe("")  # noqa: S308 (empty)
    text = _MARKDOWN_NOISE.sub("", raw)
    html = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    # A headline cut between markers must not leave a <mark> open.
    if html.count("<mark>") > html.count("</mark>"):
        html += "</mark>"
    return mark_safe(html)  # noqa: S308 (escaped above; only our own tags added)


def highlight(text: str, query) -> SafeString:
    """`text` escaped, with the words of `query` (ignoring case, accents and
    endings beyond the first five letters) in <mark>: for titles, which both
    engines return unmarked."""
    stems = {fold(w)[:5] for w in words(str(query)) if len(w) >= 3}
    if not text or not stems:
        return escape(text or "")
    parts = []
    last = 0
    for match in _WORD.finditer(text):
        folded = fold(match.group(0))
        if len(folded) >= 3 and any(folded.startswith(stem) for stem in stems):
            parts.append(escape(text[last : match.start()]))
            parts.append(mark_safe(f"<mark>{escape(match.group(0))}</mark>"))  # noqa: S308
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped)


# The site search ----------------------------------------------------------------


@dataclass
class SearchHit:
    title: str | SafeString
    url: str
    snippet: SafeString | str = ""
    meta: str = ""
    # "en" or "es" when the hit's text is shown in the other language (fallback).
    other_language: str = ""


@dataclass
class SearchGroup:
    key: str
    title: str
    count: int
    hits: list[SearchHit] = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""


@dataclass
class _Provider:
    order: int
    func: Callable[[Query, int], SearchGroup]


_PROVIDERS: dict[str, _Provider] = {}


def register_provider(
    key: str, func: Callable[[Query, int], SearchGroup], *, order: int = 50
) -> None:
    """Add a group to the site search. `func(query, limit)` returns a SearchGroup of
    published items only. Call it from an AppConfig.ready(); the key makes it idempotent."""
    _PROVIDERS[key] = _Provider(order, func)


def top_with_count(queryset: QuerySet, limit: int) -> tuple[list, int]:
    """The first `limit` rows and the number of all matching rows, in one query
    (a window count over the filtered rows)."""
    rows = list(queryset.annotate(search_total=Window(Count("pk")))[:limit])
    return rows, (rows[0].search_total if rows else 0)


def search_everything(query, limit: int = 5) -> list[SearchGroup]:
    query = prepare(query)
    if not query:
        return []
    providers = sorted(_PROVIDERS.items(), key=lambda item: (item[1].order, item[0]))
    return [provider.func(query, limit) for _key, provider in providers]


# Suggestions as you type ---------------------------------------------------------

_SUGGESTERS: list[Callable[[str, int], list[dict]]] = []


def register_suggester(func: Callable[[str, int], list[dict]]) -> None:
    """`func(prefix, limit)` returns [{"title", "url", "kind"}] of published items."""
    if func not in _SUGGESTERS:
        _SUGGESTERS.append(func)


def suggestions(prefix: str, limit: int) -> list[dict]:
    found = []
    for func in _SUGGESTERS:
        found += func(prefix, limit)
    found.sort(key=lambda item: -item.pop("rank", 0.0))
    return found[:limit]
