"""Full-text search shared by the library, the FAQ and the site search.

On PostgreSQL: weighted vectors (title A, summary B, body C) over the fields of
the active language (Spanish falls back to English where a translation is
missing), text-search configurations that strip accents (created by
medhome/migrations), a GIN expression index per language built by the same
function the queries use (so the planner can match it), ranking, highlighted
snippets, and trigram word similarity (its own GIN indexes) for misspelt words. On SQLite a
plain `icontains` keeps `make run` working, without ranking or snippets.

The site search (`/search/`) asks every registered provider for its group of
results; the mentorship app registers states and mentors the same way.
"""

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.migrations.operations import AddIndex, RemoveIndex
from django.db.models import F, FloatField, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat, Greatest, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Longer queries are cut: nobody types more, and it bounds the work per request.
MAX_QUERY_LENGTH = 200
# Text-search configurations (english/spanish stemming after unaccent).
CONFIGS = {"en": "medhome_en", "es": "medhome_es"}
# Queries whose words are all shorter match too much by trigrams ("de la").
TRIGRAM_MIN_LENGTH = 4
# ts_headline wraps matches in these; they are swapped for <mark> after escaping.
_START, _STOP = "\ue000", "\ue001"
_MARKDOWN_NOISE = re.compile(r"\]\((?:https?|mailto):[^)\s]*\)|[*_#`>\[\]]")


def clean_query(raw) -> str:
    """A query safe to send to the database: no control characters (PostgreSQL
    rejects NUL), no lone surrogates, whitespace collapsed, at most 200 characters."""
    text = "".join(
        ch if unicodedata.category(ch) not in ("Cc", "Cs") else " " for ch in str(raw or "")
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def active_language() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in CONFIGS else "en"


def localized(name: str, lang: str):
    """A translated field in `lang`, falling back to English like the pages do."""
    if lang == "en":
        return F(f"{name}_en")
    return Coalesce(
        NullIf(F(f"{name}_{lang}"), Value(""), output_field=TextField()),
        F(f"{name}_en"),
        output_field=TextField(),
    )


def search_vector(weighted_fields: Sequence[tuple[str, str]], lang: str):
    vector = None
    for name, weight in weighted_fields:
        part = SearchVector(localized(name, lang), weight=weight, config=CONFIGS[lang])
        vector = part if vector is None else vector + part
    return vector


def search_indexes(
    prefix: str,
    weighted_fields: Sequence[tuple[str, str]],
    trigram_fields: Sequence[str] = (),
    *,
    vector: bool = True,
) -> list[GinIndex]:
    """GIN expression indexes for a model's Meta.indexes: per language, one over the
    weighted vector (unless the model stores its vectors, vector=False) and one of
    trigrams per trigram field (misspelt words)."""
    indexes = []
    for lang in CONFIGS:
        if vector:
            indexes.append(
                GinIndex(search_vector(weighted_fields, lang), name=f"{prefix}_search_{lang}")
            )
        indexes += [
            GinIndex(
                OpClass(localized(name, lang), name="gin_trgm_ops"),
                name=f"{prefix}_{name}_trgm_{lang}",
            )
            for name in trigram_fields
        ]
    return indexes


class _PostgresOnly:
    """Runs a migration operation on PostgreSQL only (the search indexes do not
    exist on SQLite, where search is a plain match)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexOnPostgres(_PostgresOnly, AddIndex):
    pass


class RemoveIndexOnPostgres(_PostgresOnly, RemoveIndex):
    pass


def search(
    queryset: QuerySet,
    raw_query,
    weighted_fields: Sequence[tuple[str, str]],
    *,
    trigram_fields: Sequence[str] = ("title",),
    headline_fields: Sequence[str] = (),
    stored_vector: str | None = None,
) -> QuerySet:
    """Filter `queryset` to what matches, annotated with `search_rank` (higher is
    better) and, when headline_fields are given, `search_headline` (raw text with
    private markers: pass it through `render_headline`).

    `stored_vector` names columns `<name>_en`/`<name>_es` that hold the same weighted
    vector, kept up to date by a database trigger: reading them saves computing the
    vector of every candidate row on each query (seconds for thousands of rows)."""
    q = clean_query(raw_query)
    if not q:
        return queryset
    lang = active_language()
    if not is_postgres():
        condition = Q()
        for name, _weight in weighted_fields:
            for suffix in dict.fromkeys((lang, "en")):
                condition |= Q(**{f"{name}_{suffix}__icontains": q})
        return queryset.filter(condition).annotate(search_rank=Value(0.0, FloatField()))

    query = SearchQuery(q, config=CONFIGS[lang], search_type="websearch")
    vector = (
        F(f"{stored_vector}_{lang}") if stored_vector else search_vector(weighted_fields, lang)
    )
    queryset = queryset.alias(search_vector=vector)
    rank = SearchRank(F("search_vector"), query)
    condition = Q(search_vector=query)
    if trigram_fields and max(len(word) for word in q.split()) >= TRIGRAM_MIN_LENGTH:
        # "field %> query" (word similarity above pg_trgm's threshold, 0.6 by
        # default) can use the trigram indexes, so PostgreSQL can OR two index scans.
        similarities = []
        for name in trigram_fields:
            alias = f"search_trigram_{name}"
            queryset = queryset.alias(**{alias: localized(name, lang)})
            condition |= Q(**{f"{alias}__trigram_word_similar": q})
            similarities.append(TrigramWordSimilarity(q, F(alias)))
        similarity = (
            similarities[0]
            if len(similarities) == 1
            else Greatest(*similarities, output_field=FloatField())
        )
        rank = rank + similarity * Value(0.3)
    queryset = queryset.filter(condition).annotate(search_rank=rank)
    if headline_fields:
        parts = []
        for name in headline_fields:
            parts += [localized(name, lang), Value(" ")]
        source = Concat(*parts, output_field=TextField()) if len(parts) > 2 else parts[0]
        queryset = queryset.annotate(
            search_headline=SearchHeadline(
                source,
                query,
                config=CONFIGS[lang],
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    return queryset


def render_headline(raw: str | None) -> SafeString:
    """A ts_headline result as safe HTML: everything escaped, matches in <mark>."""
    if not raw:
        return mark_safe("")  # noqa: S308 (empty)
    text = _MARKDOWN_NOISE.sub("", raw)
    html = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    # A headline cut between markers must not leave a <mark> open.
    if html.count("<mark>") > html.count("</mark>"):
        html += "</mark>"
    return mark_safe(html)  # noqa: S308 (escaped above; only our own tags added)


# The site search ----------------------------------------------------------------


@dataclass
class SearchHit:
    title: str
    url: str
    snippet: SafeString | str = ""
    meta: str = ""


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
    func: Callable[[str, int], SearchGroup]


_PROVIDERS: dict[str, _Provider] = {}


def register_provider(key: str, func: Callable[[str, int], SearchGroup], *, order: int = 50):
    """Add a group to the site search. `func(query, limit)` returns a SearchGroup of
    published items only. Call it from an AppConfig.ready(); the key makes it idempotent."""
    _PROVIDERS[key] = _Provider(order, func)


def search_everything(raw_query, limit: int = 5) -> list[SearchGroup]:
    q = clean_query(raw_query)
    if not q:
        return []
    providers = sorted(_PROVIDERS.items(), key=lambda item: (item[1].order, item[0]))
    return [provider.func(q, limit) for _key, provider in providers]
