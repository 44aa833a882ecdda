# SQL here is built from table and column names declared in code (search indexes),
# never from input; what visitors type is always passed as a query parameter.
# ruff: noqa: S608, S611
"""The two search engines behind medhome.search, and the SQL that keeps their
indexes in sync.

Both rank the same way: the engine's own relevance (ts_rank / bm25 with title
A > summary and a resource's topic names B > body C) plus a bonus when every
word is in the title, and another when the words appear as the exact phrase
(more in the title). Pages break ties by date, so a date never lifts a weaker
match.
"""

import operator
from functools import reduce
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Expression, F, FloatField, QuerySet, TextField, Value, When
from django.db.models.expressions import Combinable, RawSQL
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, Least, Length

from medhome.search_index import _START, _STOP, CONFIGS, INDEXES, LANGUAGES, Index, fold, words

# Bonuses added to the engine's score (PostgreSQL's ts_rank is about 0–1).
TITLE_BONUS = 1.0
PHRASE_BONUS = 0.5
TITLE_PHRASE_BONUS = 1.0
# Among titles holding every word, the one the query covers most wins
# ("care coordination" prefers "Care coordination toolkit" to a long title).
COVERAGE_BONUS = 0.5

# Words too common to require on SQLite (FTS5 has no stop-word list; PostgreSQL's
# configurations drop these themselves).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
        "al",
        "como",
        "con",
        "cual",
        "de",
        "del",
        "donde",
        "el",
        "en",
        "es",
        "la",
        "las",
        "lo",
        "los",
        "mi",
        "mis",
        "para",
        "por",
        "que",
        "se",
        "su",
        "sus",
        "un",
        "una",
        "y",
    ]
)


def engine() -> "PostgresEngine | SqliteEngine":
    return POSTGRES if connection.vendor == "postgresql" else SQLITE


def content_words(text: str) -> list[str]:
    """The words a match must contain: stop words dropped unless that leaves none."""
    found = words(text)
    kept = [w for w in found if fold(w) not in STOPWORDS]
    return kept or found


# PostgreSQL ------------------------------------------------------------------------


def nothing(queryset) -> QuerySet:
    """No rows, with the annotations callers order and read by."""
    return queryset.none().annotate(
        search_rank=Value(0.0, output_field=FloatField()),
        search_headline=Value("", output_field=TextField()),
    )


def coverage(index: Index, lang: str, text: str) -> Least:
    """How much of the title the query covers (0–1], by characters."""
    title = index.expression(index.title_fields[0], lang)
    return Least(
        Value(float(len(text))) / Cast(Greatest(Length(title), Value(1)), FloatField()),
        Value(1.0),
    )


def _tsquery_terms(found, suffix=""):
    # Words are \w+ only, so quoting them is enough to make a safe to_tsquery input.
    return [f"'{w}'{suffix}" for w in found]


class PostgresEngine:
    def vector(self, index: Index, lang: str) -> Combinable:
        if index.stored:
            return F(f"search_{lang}")
        parts = [
            SearchVector(index.expression(name, lang), weight=weight, config=CONFIGS[lang])
            for name, weight in index.fields
        ]
        return reduce(operator.add, parts)

    def search(self, queryset, text: str, index: Index, lang: str) -> QuerySet:
        config = CONFIGS[lang]
        found = words(text)
        if not found:
            return nothing(queryset)
        query = SearchQuery(text, config=config, search_type="websearch")
        queryset = queryset.alias(search_vector=self.vector(index, lang)).filter(
            search_vector=query
        )
        if index.stored and queryset._fields is None:
            # The vectors are read in the database only: no row carries them out
            # (through the sort and the window count, and to Python).
            queryset = queryset.defer(*(f"search_{code}" for code in LANGUAGES))
        rank: Any = SearchRank(F("search_vector"), query)
        # Every check reads the row's whole vector, and a common word matches nearly
        # every row: the checks are nested so a row pays only for those that can
        # change its rank (a phrase in the title implies every word in the title,
        # and most rows have neither). The ranks are those of the flat sum.
        phrase_bonus: Any = Value(0.0)
        title_phrase_bonus: Any = Value(0.0)
        if len(found) > 1:
            phrase = SearchQuery(
                " <-> ".join(_tsquery_terms(found)), config=config, search_type="raw"
            )
            title_phrase = SearchQuery(
                " <-> ".join(_tsquery_terms(found, ":A")), config=config, search_type="raw"
            )
            phrase_bonus = Case(
                When(search_vector=phrase, then=Value(PHRASE_BONUS)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            title_phrase_bonus = Case(
                When(search_vector=title_phrase, then=Value(TITLE_PHRASE_BONUS + PHRASE_BONUS)),
                default=phrase_bonus,
                output_field=FloatField(),
            )
        if index.title_fields:
            in_title = SearchQuery(
                " & ".join(_tsquery_terms(found, ":A")), config=config, search_type="raw"
            )
            rank = rank + Case(
                When(
                    search_vector=in_title,
                    then=Value(TITLE_BONUS)
                    + coverage(index, lang, text) * COVERAGE_BONUS
                    + title_phrase_bonus,
                ),
                default=phrase_bonus,
                output_field=FloatField(),
            )
        elif len(found) > 1:
            rank = rank + title_phrase_bonus
        queryset = queryset.annotate(search_rank=rank)
        if index.headline:
            parts = []
            for name in index.headline:
                parts += [index.expression(name, lang), Value(" ")]
            source = Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else parts[0]
            queryset = queryset.annotate(
                search_headline=SearchHeadline(
                    source,
                    query,
                    config=config,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
        return queryset

    def suggest(self, queryset, text: str, index: Index, lang: str) -> QuerySet:
        found = words(text)
        if not found:
            return nothing(queryset)
        terms = _tsquery_terms(found[:-1], ":A") + _tsquery_terms(found[-1:], ":*A")
        query = SearchQuery(" & ".join(terms), config=CONFIGS[lang], search_type="raw")
        return (
            queryset.alias(search_vector=self.vector(index, lang))
            .filter(search_vector=query)
            .annotate(search_rank=SearchRank(F("search_vector"), query))
        )

    # Stored vectors: a trigger per table writes search_en/search_es on every insert
    # and update, so save(), bulk_create(), loaddata and raw SQL all keep them current.
    @staticmethod
    def trigger_sql(table: str, fields, translated, pk: str = "id") -> tuple[str, str]:
        """(create, drop) SQL for a stored-vector trigger and its GIN indexes."""

        def value(name, lang):
            if name not in translated:
                return f"coalesce(NEW.{name}, '')"
            if lang == "en":
                return f"coalesce(NEW.{name}_en, '')"
            return f"coalesce(nullif(NEW.{name}_{lang}, ''), NEW.{name}_en, '')"

        def weighted(lang):
            return " || ".join(
                f"setweight(to_tsvector('{CONFIGS[lang]}'::regconfig, {value(name, lang)}), "
                f"'{weight}')"
                for name, weight in fields
            )

        create = f"""
CREATE OR REPLACE FUNCTION {table}_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search_en := {weighted("en")};
  NEW.search_es := {weighted("es")};
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {table}_search ON {table};
CREATE TRIGGER {table}_search BEFORE INSERT OR UPDATE
  ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_search_update();
UPDATE {table} SET {pk} = {pk};
CREATE INDEX IF NOT EXISTS {table}_search_en_stored ON {table} USING gin (search_en);
CREATE INDEX IF NOT EXISTS {table}_search_es_stored ON {table} USING gin (search_es);
"""
        drop = f"""
DROP INDEX IF EXISTS {table}_search_es_stored;
DROP INDEX IF EXISTS {table}_search_en_stored;
DROP TRIGGER IF EXISTS {table}_search ON {table};
DROP FUNCTION IF EXISTS {table}_search_update();
"""
        return create, drop

    def rebuild(self, cursor) -> None:
        """Rewrite every stored vector (the triggers compute them)."""
        for index in INDEXES.values():
            if index.stored:
                cursor.execute(
                    f'UPDATE "{index.table}" SET "{index.pk_column}" = "{index.pk_column}"'
                )


# SQLite FTS5 -------------------------------------------------------------------------

# bm25 weight per field weight (the same order as PostgreSQL's A–D).
BM25_WEIGHTS = {"A": 10.0, "B": 4.0, "C": 1.0, "D": 0.5}
# SQLite's bm25 is lower-is-better and unbounded; bonuses are scaled to it.
SQLITE_SCALE = 10.0
TOKENIZER = "porter unicode61 remove_diacritics 2"
VOCABULARY_TABLE = "medhome_searchterm"
VOCABULARY_TRIGRAMS = "medhome_searchterm_trigram"


def _fts_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class FtsSubquery(Expression):
    """A scalar subquery on an FTS5 table correlated with the outer row's primary key.
    `sql` holds `{pk}` where the outer key goes; compiling the key through the
    compiler keeps the right table alias inside subqueries and joins."""

    def __init__(self, sql: str, params, output_field):
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, list(params)
        self.pk = F("pk")

    def get_source_expressions(self) -> list[F]:
        return [self.pk]

    def set_source_expressions(self, exprs) -> None:
        (self.pk,) = exprs

    # The stubs want the parameters as a tuple; Django takes any sequence.
    def as_sql(self, compiler, connection, **extra) -> tuple[str, list[Any]]:  # type: ignore[override]
        pk_sql, pk_params = compiler.compile(self.pk)
        return "(" + self.sql.replace("{pk}", pk_sql) + ")", [*self.params, *pk_params]


class SqliteEngine:
    @staticmethod
    def table(index: Index, lang: str) -> str:
        return f"{index.table}_fts_{lang}"

    def search(self, queryset, text: str, index: Index, lang: str) -> QuerySet:
        required = content_words(text)
        if not required:
            return nothing(queryset)
        fts = self.table(index, lang)
        match = " ".join(_fts_string(w) for w in required)
        queryset = queryset.filter(
            pk__in=RawSQL(f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s', (match,))
        )
        weights = ", ".join(str(BM25_WEIGHTS[weight]) for _name, weight in index.fields)
        one_row = f'FROM "{fts}" WHERE "{fts}" MATCH %s AND "{fts}".rowid = {{pk}}'
        sql = [f'SELECT -bm25("{fts}", {weights}) {one_row}']
        params = [match]

        def bonus(amount, expression):
            sql.append(f"COALESCE((SELECT {amount * SQLITE_SCALE} {one_row}), 0)")
            params.append(expression)

        titles = "{" + " ".join(index.title_fields) + "}"
        every = words(text)
        if len(every) > 1:
            phrase = _fts_string(" ".join(every))
            bonus(PHRASE_BONUS, phrase)
            if index.title_fields:
                bonus(TITLE_PHRASE_BONUS, f"{titles} : {phrase}")
        rank: Expression = FtsSubquery(") + (".join(sql), params, FloatField())
        if index.title_fields:
            in_title = FtsSubquery(
                f"SELECT 1.0 {one_row}", [f"{titles} : ({match})"], FloatField()
            )
            weight = (Value(TITLE_BONUS) + coverage(index, lang, text) * COVERAGE_BONUS) * Value(
                SQLITE_SCALE
            )
            rank = rank + Coalesce(in_title, Value(0.0)) * weight
        queryset = queryset.annotate(search_rank=rank)
        if index.headline:
            queryset = queryset.annotate(search_headline=self._snippet(index, fts, match))
        return queryset

    def _snippet(self, index: Index, fts: str, match: str):
        names = [name for name, _weight in index.fields]
        marks = "char(57344), char(57345), ' … ', 32"
        snippets = [f'snippet("{fts}", {names.index(name)}, {marks})' for name in index.headline]
        # The first headline field whose excerpt has a match, else the last one.
        expression = snippets[-1]
        for snippet in reversed(snippets[:-1]):
            expression = (
                f"CASE WHEN instr({snippet}, char(57344)) THEN {snippet} ELSE {expression} END"
            )
        sql = f'SELECT {expression} FROM "{fts}" WHERE "{fts}" MATCH %s AND "{fts}".rowid = {{pk}}'
        return FtsSubquery(sql, [match], TextField())

    def suggest(self, queryset, text: str, index: Index, lang: str) -> QuerySet:
        found = words(text)
        if not found or not index.title_fields:
            return nothing(queryset)
        fts = self.table(index, lang)
        terms = [_fts_string(w) for w in found[:-1]] + [_fts_string(found[-1]) + "*"]
        match = "{" + " ".join(index.title_fields) + "} : (" + " ".join(terms) + ")"
        weights = ", ".join(str(BM25_WEIGHTS[weight]) for _name, weight in index.fields)
        rank = FtsSubquery(
            f'SELECT -bm25("{fts}", {weights}) FROM "{fts}" WHERE "{fts}" MATCH %s '
            f'AND "{fts}".rowid = {{pk}}',
            [match],
            FloatField(),
        )
        return queryset.filter(
            pk__in=RawSQL(f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s', (match,))
        ).annotate(search_rank=rank)

    # Keeping the FTS tables in sync ---------------------------------------------------

    @staticmethod
    def _value(index: Index, name: str, lang: str, row: str) -> str:
        columns = index.columns(name, lang)
        if len(columns) == 1:
            return f"COALESCE({row}\"{columns[0]}\", '')"
        return f"COALESCE(NULLIF({row}\"{columns[0]}\", ''), {row}\"{columns[1]}\", '')"

    def statements(self, index: Index, lang: str) -> list[str]:
        """Drop and recreate one FTS table, fill it, and add the triggers that keep it
        in sync with its model's table."""
        fts, table, pk = self.table(index, lang), index.table, index.pk_column
        names = [name for name, _weight in index.fields]
        columns = ", ".join(names)
        new_values = ", ".join(self._value(index, n, lang, "new.") for n in names)
        row_values = ", ".join(self._value(index, n, lang, "") for n in names)
        return [
            *self.drop_statements(index, lang),
            f"CREATE VIRTUAL TABLE \"{fts}\" USING fts5({columns}, tokenize='{TOKENIZER}')",
            f'INSERT INTO "{fts}"(rowid, {columns}) SELECT "{pk}", {row_values} FROM "{table}"',
            (
                f'CREATE TRIGGER "{fts}_ai" AFTER INSERT ON "{table}" BEGIN '
                f'INSERT INTO "{fts}"(rowid, {columns}) VALUES (new."{pk}", {new_values}); END'
            ),
            (
                f'CREATE TRIGGER "{fts}_au" AFTER UPDATE ON "{table}" BEGIN '
                f'DELETE FROM "{fts}" WHERE rowid = old."{pk}"; '
                f'INSERT INTO "{fts}"(rowid, {columns}) VALUES (new."{pk}", {new_values}); END'
            ),
            (
                f'CREATE TRIGGER "{fts}_ad" AFTER DELETE ON "{table}" BEGIN '
                f'DELETE FROM "{fts}" WHERE rowid = old."{pk}"; END'
            ),
        ]

    def drop_statements(self, index: Index, lang: str) -> list[str]:
        fts = self.table(index, lang)
        return [
            *(f'DROP TRIGGER IF EXISTS "{fts}_{kind}"' for kind in ("ai", "au", "ad")),
            f'DROP TABLE IF EXISTS "{fts}"',
        ]

    @staticmethod
    def vocabulary_statements() -> list[str]:
        trig, table = VOCABULARY_TRIGRAMS, VOCABULARY_TABLE
        return [
            *(f'DROP TRIGGER IF EXISTS "{trig}_{kind}"' for kind in ("ai", "au", "ad")),
            f'DROP TABLE IF EXISTS "{trig}"',
            f"CREATE VIRTUAL TABLE \"{trig}\" USING fts5(term, tokenize='trigram')",
            f'INSERT INTO "{trig}"(rowid, term) SELECT id, term FROM "{table}"',
            (
                f'CREATE TRIGGER "{trig}_ai" AFTER INSERT ON "{table}" BEGIN '
                f'INSERT INTO "{trig}"(rowid, term) VALUES (new.id, new.term); END'
            ),
            (
                f'CREATE TRIGGER "{trig}_au" AFTER UPDATE ON "{table}" BEGIN '
                f'DELETE FROM "{trig}" WHERE rowid = old.id; '
                f'INSERT INTO "{trig}"(rowid, term) VALUES (new.id, new.term); END'
            ),
            (
                f'CREATE TRIGGER "{trig}_ad" AFTER DELETE ON "{table}" BEGIN '
                f'DELETE FROM "{trig}" WHERE rowid = old.id; END'
            ),
        ]

    def rebuild(self, cursor) -> None:
        existing = set(connection.introspection.table_names(cursor))
        for index in INDEXES.values():
            if index.table not in existing:
                continue
            for lang in LANGUAGES:
                for statement in self.statements(index, lang):
                    cursor.execute(statement)
        if VOCABULARY_TABLE in existing:
            for statement in self.vocabulary_statements():
                cursor.execute(statement)


POSTGRES = PostgresEngine()
SQLITE = SqliteEngine()


def rebuild(*, vocabulary: bool = True) -> None:
    """Rebuild the search index of the current database: SQLite's FTS tables and
    their triggers, PostgreSQL's stored vectors; then the spelling vocabulary.
    Columns copied from other tables (a resource's topic names) are recomputed first."""
    for index in INDEXES.values():
        if index.refresh is not None:
            index.refresh(index.model._default_manager.all())
    with connection.cursor() as cursor:
        engine().rebuild(cursor)
    if vocabulary:
        from medhome.search_spelling import rebuild_vocabulary

        rebuild_vocabulary()


def rebuild_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate on SQLite: (re)create the FTS tables and triggers, so a fresh
    `make run` database, a test database and a flushed one all search at once."""
    from django.db import connections

    if connections[using].vendor != "sqlite" or using != "default":
        return
    with connection.cursor() as cursor:
        SQLITE.rebuild(cursor)
