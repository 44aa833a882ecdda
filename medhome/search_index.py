"""What search indexes and how words are compared: the base of medhome.search.

The text-search configurations, folding and splitting words, the `Index` each
searchable model registers (and the registry), and the migration operations for
PostgreSQL-only indexes. The engines (medhome.search_engines) and the spelling
corrector (medhome.search_spelling) build on this module only; medhome.search,
the interface the apps use, builds on all three, so none of them imports
another in a circle.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection
from django.db.migrations.operations import AddIndex, RemoveIndex
from django.db.models import F, Field, Model, QuerySet, TextField, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

# Longer queries are cut: nobody types more, and it bounds the work per request.
MAX_QUERY_LENGTH = 200
# Text-search configurations (english/spanish stemming after unaccent).
CONFIGS = {"en": "medhome_en", "es": "medhome_es"}
LANGUAGES = tuple(CONFIGS)
# Matches are wrapped in these private-use characters by both engines; they are
# swapped for <mark> after escaping.
_START, _STOP = "\ue000", "\ue001"
_WORD = re.compile(r"\w+")


def clean_query(raw) -> str:
    """A query safe to send to the database: no control characters (PostgreSQL
    rejects NUL), no lone surrogates, whitespace collapsed, at most 200 characters."""
    text = "".join(
        ch if unicodedata.category(ch) not in ("Cc", "Cs") else " " for ch in str(raw or "")
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def fold(text: str) -> str:
    """Lower case without accents: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of a query (letters and digits; punctuation and operators dropped)."""
    return [w for w in _WORD.findall(text) if w.strip("_")]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def active_language() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in CONFIGS else "en"


def localized(name: str, lang: str) -> Combinable:
    """A translated field in `lang`, falling back to English like the pages do."""
    if lang == "en":
        return F(f"{name}_en")
    return Coalesce(
        NullIf(F(f"{name}_{lang}"), Value(""), output_field=TextField()),
        F(f"{name}_en"),
        output_field=TextField(),
    )


# What is indexed -----------------------------------------------------------------


@dataclass(frozen=True)
class Index:
    """A model's searchable text.

    fields: (field name, weight A–D); title-like fields are A.
    translated: the fields that have `_en`/`_es` columns (modeltranslation).
    headline: the fields the highlighted excerpt is taken from.
    stored: PostgreSQL reads `search_en`/`search_es` columns written by a trigger
      (the large tables) instead of computing the vector per row.
    fallback_both: Spanish text falls back to English and English to Spanish
      (newsletter issues are written in either); otherwise only Spanish falls back.
    refresh: recomputes indexed columns copied from other tables (a resource's topic
      names) for a queryset of rows; the rebuild runs it on every row first.
    """

    model: type[Model]
    fields: tuple[tuple[str, str], ...]
    translated: tuple[str, ...] = ()
    headline: tuple[str, ...] = ()
    stored: bool = False
    fallback_both: bool = False
    refresh: Callable[[QuerySet], Any] | None = None

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def pk_column(self) -> str:
        return str(self.model._meta.pk.column)

    @property
    def title_fields(self) -> tuple[str, ...]:
        return tuple(name for name, weight in self.fields if weight == "A")

    def columns(self, name: str, lang: str) -> list[str]:
        """Database columns holding `name` in `lang`, the preferred first."""
        if name not in self.translated:
            return [str(cast(Field, self.model._meta.get_field(name)).column)]
        other = "es" if lang == "en" else "en"
        if lang == "en" and not self.fallback_both:
            return [f"{name}_en"]
        return [f"{name}_{lang}", f"{name}_{other}"]

    def expression(self, name: str, lang: str) -> Coalesce:
        """The Django expression of `name` in `lang` with its fallback."""
        columns = self.columns(name, lang)
        if len(columns) == 1:
            return Coalesce(F(columns[0]), Value(""), output_field=TextField())
        return Coalesce(
            NullIf(F(columns[0]), Value(""), output_field=TextField()),
            F(columns[1]),
            Value(""),
            output_field=TextField(),
        )


INDEXES: dict[type, Index] = {}


def register_index(
    model, fields, *, translated=(), headline=(), stored=False, fallback_both=False, refresh=None
) -> Index:
    index = Index(
        model,
        tuple(fields),
        tuple(translated),
        tuple(headline),
        stored=stored,
        fallback_both=fallback_both,
        refresh=refresh,
    )
    INDEXES[model] = index
    return index


class _PostgresOnly:
    """Runs a migration operation on PostgreSQL only (the search indexes do not
    exist on SQLite, where FTS5 tables do the work)."""

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
