"""Misspelt words: corrected against the vocabulary of the indexed text.

The vocabulary (medhome.models.SearchTerm) holds every word of the published
text of every search index, without accents, with its most common written
form. A query word of four letters or more that is not in it matches nothing;
it is replaced by the most similar word by trigrams (pg_trgm's similarity and
its GIN index on PostgreSQL; an FTS5 trigram table narrows the candidates on
SQLite, where the same similarity is computed in Python). A word that differs
from its nearest neighbour only in its ending ("coordinated", "coordination")
is left alone: stemming finds it.
"""

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.expressions import RawSQL

from medhome.cache import bump, cached
from medhome.search_index import INDEXES, active_language, fold, words

if TYPE_CHECKING:
    from medhome.models import SearchTerm

# Shorter words are not corrected (too many near neighbours).
MIN_LENGTH = 4
# Least trigram similarity of a correction ("famly" → "family" is 0.44).
SIMILARITY = 0.4
MAX_TERM = 60
# Head start of a word in the page's language ("coordinasion" on a Spanish page
# becomes "coordinación", not "coordination").
LANGUAGE_BONUS = 0.1
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: two spaces before, one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


# Endings by which forms of one word differ (English and Spanish, without accents).
ENDINGS = frozenset(
    [
        "s",
        "es",
        "ed",
        "d",
        "ing",
        "ings",
        "ion",
        "ions",
        "ation",
        "ations",
        "e",
        "er",
        "ers",
        "or",
        "ors",
        "ly",
        "al",
        "ally",
        "ity",
        "ities",
        "ies",
        "y",
        "ive",
        "ives",
        "ment",
        "ments",
        "ness",
        "a",
        "o",
        "as",
        "os",
        "ar",
        "ir",
        "r",
        "cion",
        "ciones",
        "mente",
        "ado",
        "ada",
        "ados",
        "adas",
        "ido",
        "ida",
        "idos",
        "idas",
        "ando",
        "iendo",
    ]
) | {""}


def is_variant(word: str, known: str) -> bool:
    """Another form of the same word (only an ending differs, as in "coordinated"
    and "coordination"): stemming matches it, so it is not corrected."""
    prefix = _common_prefix(word, known)
    return prefix >= 4 and word[prefix:] in ENDINGS and known[prefix:] in ENDINGS


def _language(found: set) -> str:
    """ "en" or "es" for a word seen in one language's text only, "" for both."""
    return next(iter(found)) if len(found) == 1 else ""


def _column_languages(index) -> dict[str, str]:
    """Each column of the index and the language its text is in ("" if neither)."""
    columns = {}
    for name, _weight in index.fields:
        if name in index.translated:
            columns[f"{name}_en"] = "en"
            columns[f"{name}_es"] = "es"
        else:
            columns[index.model._meta.get_field(name).column] = ""
    return columns


def _texts(index):
    """(text, language) of every published row's indexed columns."""
    queryset = index.model._default_manager.all()
    if hasattr(queryset, "published"):
        queryset = queryset.published()
    columns = _column_languages(index)
    names = list(columns)
    for row in queryset.values_list(*names).iterator(chunk_size=500):
        for name, value in zip(names, row, strict=True):
            if value:
                yield value, columns[name] or "en"


def _words_of(text: str):
    for match in _LETTERS.finditer(text):
        word = match.group(0).lower()
        if len(word) <= MAX_TERM:
            yield word


def rebuild_vocabulary() -> int:
    """Replace the vocabulary with the words of the published indexed text."""
    from medhome.jurisdictions import JURISDICTIONS
    from medhome.models import SearchTerm

    forms: dict[str, Counter] = defaultdict(Counter)
    languages: dict[str, set] = defaultdict(set)

    def add(text, lang):
        for word in _words_of(text):
            forms[fold(word)][word] += 1
            languages[fold(word)].add(lang)

    # State names are searched by name even where no text mentions them.
    for jurisdiction in JURISDICTIONS:
        add(jurisdiction.name_en, "en")
        add(jurisdiction.name_es, "es")
    for index in INDEXES.values():
        for text, lang in _texts(index):
            add(text, lang)
    terms = [
        SearchTerm(
            term=term,
            word=counter.most_common(1)[0][0],
            count=sum(counter.values()),
            language=_language(languages[term]),
        )
        for term, counter in forms.items()
        if len(term) <= MAX_TERM
    ]
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(terms, batch_size=1000)
    bump()  # corrections (and pages) kept under the version came from the old words
    return len(terms)


def add_words(instance) -> None:
    """Add the words of one saved, public object to the vocabulary (after commit)."""
    from medhome.models import SearchTerm

    index = INDEXES.get(type(instance))
    if index is None or not getattr(instance, "is_public", True):
        return
    found: dict[str, tuple[str, set]] = {}
    for column, lang in _column_languages(index).items():
        for word in _words_of(str(getattr(instance, column, "") or "")):
            found.setdefault(fold(word), (word, set()))[1].add(lang or "en")
    if found:
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(term=term, word=word, language=_language(langs))
                for term, (word, langs) in found.items()
            ],
            ignore_conflicts=True,
        )
        bump()  # a correction made before these words were known is not reused


def words_added_on_save(sender, instance, raw=False, **kwargs) -> None:
    if type(instance) in INDEXES and not raw:
        transaction.on_commit(lambda: add_words(instance))


def closest(term: str, lang: str = "en") -> "SearchTerm | None":
    """The vocabulary word most similar to `term` (folded), or None. Words of the
    page's language (or of both) get a small head start over the other language's."""
    from medhome.models import SearchTerm

    if connection.vendor == "postgresql":
        return (
            SearchTerm.objects.filter(term__trigram_similar=term)
            .annotate(similarity=TrigramSimilarity("term", term))
            .filter(similarity__gte=SIMILARITY)
            .annotate(
                score=F("similarity")
                + Case(
                    When(language__in=[lang, ""], then=Value(LANGUAGE_BONUS)),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            )
            .order_by("-score", "-count", "term")
            .first()
        )
    grams = {term[i : i + 3] for i in range(len(term) - 2)}
    match = " OR ".join('"' + gram.replace('"', '""') + '"' for gram in sorted(grams))
    candidates = SearchTerm.objects.filter(
        pk__in=RawSQL(
            'SELECT rowid FROM "medhome_searchterm_trigram" '
            'WHERE "medhome_searchterm_trigram" MATCH %s ORDER BY rank LIMIT 200',
            (match,),
        )
    )
    scored = []
    for candidate in candidates:
        score = similarity(term, candidate.term)
        if score >= SIMILARITY:
            score += LANGUAGE_BONUS if candidate.language in (lang, "") else 0.0
            scored.append((score, candidate.count, candidate))
    if not scored:
        return None
    return max(scored, key=lambda s: (s[0], s[1], [-ord(ch) for ch in s[2].term]))[2]


def correct_query(text: str) -> str | None:
    """`text` with its unknown words replaced by their nearest known word, or None
    when nothing was corrected. Kept under the content version and language (a search
    page corrects its query for every kind of result it lists, and a misspelt word
    costs two lookups in the vocabulary)."""
    return cached(("spelling", text), lambda: _correct_query(text))


def _correct_query(text: str) -> str | None:
    from medhome.models import SearchTerm

    candidates: dict[str, str] = {}
    for word in words(text):
        if len(word) >= MIN_LENGTH and word.isalpha():
            candidates.setdefault(word, fold(word))
    if not candidates:
        return None
    known = set(
        SearchTerm.objects.filter(term__in=set(candidates.values())).values_list("term", flat=True)
    )
    if not known and not SearchTerm.objects.exists():
        return None  # no vocabulary yet (run manage.py rebuild_search_index)
    replacements = {}
    for word, term in candidates.items():
        if term in known:
            continue
        best = closest(term, active_language())
        if best is not None and not is_variant(term, best.term):
            replacements[word] = best.word
    if not replacements:
        return None
    return re.sub(r"\w+", lambda m: replacements.get(m.group(0), m.group(0)), text)
