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

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from medhome.search import INDEXES, fold, words

# Shorter words are not corrected (too many near neighbours).
MIN_LENGTH = 4
# Least trigram similarity of a correction ("famly" → "family" is 0.44).
SIMILARITY = 0.4
MAX_TERM = 60
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


def is_variant(word: str, known: str) -> bool:
    """Another form of the same word (an ending differs): stemming matches it."""
    prefix = _common_prefix(word, known)
    return prefix >= 4 and (
        prefix >= min(len(word), len(known)) - 1 or prefix >= max(5, len(word) - 3)
    )


def _texts(index):
    queryset = index.model._default_manager.all()
    if hasattr(queryset, "published"):
        queryset = queryset.published()
    columns = []
    for name, _weight in index.fields:
        for lang in ("en", "es"):
            columns += index.columns(name, lang)
    columns = list(dict.fromkeys(columns))
    for row in queryset.values_list(*columns).iterator(chunk_size=500):
        yield from (value for value in row if value)


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
    # State names are searched by name even where no text mentions them.
    for jurisdiction in JURISDICTIONS:
        for word in _words_of(f"{jurisdiction.name_en} {jurisdiction.name_es}"):
            forms[fold(word)][word] += 1
    for index in INDEXES.values():
        for text in _texts(index):
            for word in _words_of(text):
                forms[fold(word)][word] += 1
    terms = [
        SearchTerm(term=term, word=counter.most_common(1)[0][0], count=sum(counter.values()))
        for term, counter in forms.items()
        if len(term) <= MAX_TERM
    ]
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(terms, batch_size=1000)
    return len(terms)


def add_words(instance) -> None:
    """Add the words of one saved, public object to the vocabulary (after commit)."""
    from medhome.models import SearchTerm

    index = INDEXES.get(type(instance))
    if index is None or not getattr(instance, "is_public", True):
        return
    found: dict[str, str] = {}
    for name, _weight in index.fields:
        for lang in ("en", "es"):
            for column in index.columns(name, lang):
                for word in _words_of(str(getattr(instance, column, "") or "")):
                    found.setdefault(fold(word), word)
    if found:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term, word=word) for term, word in found.items()],
            ignore_conflicts=True,
        )


def words_added_on_save(sender, instance, raw=False, **kwargs):
    if type(instance) in INDEXES and not raw:
        transaction.on_commit(lambda: add_words(instance))


def closest(term: str):
    """The vocabulary word most similar to `term` (folded), or None."""
    from medhome.models import SearchTerm

    if connection.vendor == "postgresql":
        return (
            SearchTerm.objects.filter(term__trigram_similar=term)
            .annotate(similarity=TrigramSimilarity("term", term))
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "-count", "term")
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
    scored = [(similarity(term, c.term), c.count, c) for c in candidates]
    scored = [s for s in scored if s[0] >= SIMILARITY]
    if not scored:
        return None
    return max(scored, key=lambda s: (s[0], s[1], [-ord(ch) for ch in s[2].term]))[2]


def correct_query(text: str) -> str | None:
    """`text` with its unknown words replaced by their nearest known word, or None
    when nothing was corrected."""
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
        best = closest(term)
        if best is not None and not is_variant(term, best.term):
            replacements[word] = best.word
    if not replacements:
        return None
    return re.sub(r"\w+", lambda m: replacements.get(m.group(0), m.group(0)), text)
