"""Full-text search and title similarity: PostgreSQL (full-text, pg_trgm) when available, a
portable fallback elsewhere (SQLite in development and in the default test run)."""

import re
import unicodedata
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from .. import lifecycle, sqlite_fts
from ..models import Contribution

SEARCH_CONFIG = "italian"
TRIGRAM_THRESHOLD = 0.3
FALLBACK_THRESHOLD = 0.25
FALLBACK_CANDIDATES = 200
REFERENCE_PATTERN = re.compile(r"^[A-Za-z]{2,10}-[A-Za-z]{4}(-\d{4}(-\d{1,6})?)?$")

_STOPWORDS_TEXT = (
    "alla alle allo anche come con dalla dalle degli della delle dello dove gli il in la le lo nei nel nella "
    "nelle non per più tra che una uno un del dei dal sul sulla sulle sugli questo questa quella quello sono"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@cache
def _extension_installed(database: str, name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [name])
        return cursor.fetchone() is not None


def trigram_available() -> bool:
    return is_postgresql() and _extension_installed(connection.settings_dict["NAME"], "pg_trgm")


@cache
def _sqlite_fts(database: str) -> bool:
    return sqlite_fts.fts_available(connection)


def fts_match(query: str) -> str:
    """An FTS5 query: every word, as a prefix of its stem ("stazione" finds "stazioni")."""
    stems = []
    for word in words(fold(query))[:8]:
        stem = word[:-1] if len(word) > 4 and word[-1] in "aeiou" else word
        stems.append(f'"{stem}"*')
    return " AND ".join(stems)


def search_document() -> RawSQL:
    """The stored tsvector (title weight A, body weight B) that migration 0004 adds on PostgreSQL."""
    column = f'"{Contribution._meta.db_table}"."search_doc"'  # a constant: no user input reaches RawSQL
    return RawSQL(column, [], output_field=SearchVectorField())  # noqa: S611


def looks_like_reference(query: str) -> bool:
    return bool(REFERENCE_PATTERN.match(query))


def _kept_for_merged(reference_prefix: str) -> QuerySet:
    """The kept contributions of the public merged sources with this reference: searching a merged
    source's code finds where its content went (merged sources are never listed themselves)."""
    merged = Contribution.objects.readable_by_anyone({lifecycle.State.MERGED}).filter(reference__istartswith=reference_prefix)
    return merged.filter(merged_into__isnull=False).values("merged_into")


def apply_search(qs: QuerySet, query: str, *, rank: bool) -> QuerySet:
    """Filter by a reference (prefix) or by words in title and body; `rank` annotates `rank`."""
    query = " ".join(query.split())
    if not query:
        return qs
    if looks_like_reference(query):
        qs = qs.filter(Q(reference__istartswith=query) | Q(pk__in=_kept_for_merged(query)))
        return qs.annotate(rank=Value(1.0, output_field=FloatField())) if rank else qs
    if is_postgresql():
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        qs = qs.annotate(search=search_document()).filter(search=search_query)
        return qs.annotate(rank=SearchRank(search_document(), search_query)) if rank else qs
    terms = words(query)[:8] or [query]
    match = fts_match(query)
    if match and connection.vendor == "sqlite" and _sqlite_fts(connection.settings_dict["NAME"]):
        # The index finds and ranks (bm25, a title word worth ten body words) in one pass over its
        # matches, joined to the contributions by rowid: no per-row LIKE, no per-row MATCH.
        return sqlite_fts.matching(qs, match, rank=rank)
    for word in terms:
        qs = qs.filter(Q(title__icontains=word) | Q(body__icontains=word))
    if rank:  # portable relevance: words found in the title weigh more than in the body
        score = sum(
            (Case(When(title__icontains=word, then=Value(2.0)), default=Value(1.0), output_field=FloatField()) for word in terms),
            Value(0.0, output_field=FloatField()),
        )
        qs = qs.annotate(rank=score)
    return qs


def fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(value: str) -> list[str]:
    return [w for w in re.findall(r"\w+", value.lower()) if len(w) >= 3 and w not in STOPWORDS]


def _trigrams(value: str) -> set[str]:
    """The pg_trgm trigram set: each word padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in re.findall(r"\w+", fold(value)):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def word_similarity(needle: str, haystack: str) -> float:
    """Portable approximation of pg_trgm similarity: shared trigrams over the needle's trigrams,
    averaged with the symmetric Jaccard index so that long unrelated titles do not win."""
    a, b = _trigrams(needle), _trigrams(haystack)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return (shared / len(a) + shared / len(a | b)) / 2


def similar_by_trigram(qs: QuerySet, title: str, limit: int) -> list:
    return list(
        qs.annotate(similarity=TrigramWordSimilarity(title, "title"))
        .filter(similarity__gte=TRIGRAM_THRESHOLD)
        .order_by("-similarity", "-support_count")[:limit]
    )


def similar_by_words(qs: QuerySet, title: str, limit: int) -> list:
    stems = {word[: max(4, len(word) - 2)] for word in words(title)}
    if not stems:
        return []
    condition = Q()
    for stem in stems:
        condition |= Q(title__icontains=stem)
    candidates = list(qs.filter(condition).order_by("-published_at")[:FALLBACK_CANDIDATES])
    scored = [(word_similarity(title, item.title), item) for item in candidates]
    scored = [(score, item) for score, item in scored if score >= FALLBACK_THRESHOLD]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].support_count))
    for score, item in scored:
        item.similarity = score
    return [item for _score, item in scored[:limit]]
