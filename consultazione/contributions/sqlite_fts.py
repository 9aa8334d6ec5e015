"""Full-text search on SQLite (development, the embedded default): an FTS5 index of title and body
kept in sync by triggers. PostgreSQL has its own (migration 0004) and never runs this.

Set up after every migrate (post_migrate, idempotent) rather than in a migration, because SQLite
rebuilds a table for many schema changes and dropping the table drops its triggers: this puts
them back and reindexes whenever they are missing.
"""

from django.db import connections

FTS_TABLE = "contributions_fts"
TABLE = "contributions_contribution"
CREATE_TABLE = (
    "CREATE VIRTUAL TABLE contributions_fts USING fts5(title, body, content='contributions_contribution', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)
TRIGGERS = {
    "contributions_fts_ai": (
        "CREATE TRIGGER contributions_fts_ai AFTER INSERT ON contributions_contribution BEGIN "
        "INSERT INTO contributions_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
    ),
    "contributions_fts_ad": (
        "CREATE TRIGGER contributions_fts_ad AFTER DELETE ON contributions_contribution BEGIN "
        "INSERT INTO contributions_fts(contributions_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); END"
    ),
    "contributions_fts_au": (
        "CREATE TRIGGER contributions_fts_au AFTER UPDATE OF title, body ON contributions_contribution BEGIN "
        "INSERT INTO contributions_fts(contributions_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); "
        "INSERT INTO contributions_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
    ),
}
REBUILD = "INSERT INTO contributions_fts(contributions_fts) VALUES ('rebuild')"
MATCHING_IDS = "SELECT rowid FROM contributions_fts WHERE contributions_fts MATCH %s"
# Relevance from the index itself, higher is better: bm25 with a title word worth ten body words.
RANK = "-bm25(contributions_fts, 10.0, 1.0)"


def matching(qs, match: str, *, rank: bool):
    """`qs` joined to the index on rowid and filtered by the FTS5 query `match` (bound as a
    parameter); with `rank`, annotated with the index's relevance. A join rather than an
    `id IN (…)` filter because bm25() is computed only in the query that does the MATCH: as a
    correlated subquery it would run the full-text query again for every row (120 ms at 50,000).
    QuerySet.extra is the ORM's only way to add a table to FROM; every value is a constant here."""
    return qs.extra(  # noqa: S610 - constant SQL, the match is a bound parameter
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {TABLE}.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"rank": RANK} if rank else None,
    )


def _names(cursor, kind: str) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {row[0] for row in cursor.fetchall()}


def fts_ensure(*, using: str = "default") -> bool:
    """Create the FTS5 table and triggers if missing (reindexing then); False if not possible."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        tables = _names(cursor, "table")
        if TABLE not in tables:
            return False
        cursor.execute("PRAGMA compile_options")
        if "ENABLE_FTS5" not in {row[0] for row in cursor.fetchall()}:
            return False
        missing = [name for name in TRIGGERS if name not in _names(cursor, "trigger")]
        if FTS_TABLE in tables and not missing:
            return True
        if FTS_TABLE not in tables:
            cursor.execute(CREATE_TABLE)
        for name in missing:
            cursor.execute(TRIGGERS[name])
        cursor.execute(REBUILD)
    return True


def fts_available(connection) -> bool:
    """Whether the index exists with its triggers (else the search uses LIKE)."""
    with connection.cursor() as cursor:
        return FTS_TABLE in _names(cursor, "table") and set(TRIGGERS) <= _names(cursor, "trigger")


def post_migrate(sender, using="default", **kwargs) -> None:
    fts_ensure(using=using)
