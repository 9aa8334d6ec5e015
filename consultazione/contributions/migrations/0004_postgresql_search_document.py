"""PostgreSQL only: a stored, generated `search_doc` tsvector replaces the expression index of
0002, so that ranking reads the stored vector instead of re-parsing every matching text.

The column is not a model field (SQLite has no tsvector): selectors.search reads it with RawSQL
on PostgreSQL only. Being GENERATED ALWAYS, it follows every insert and update by itself.
"""

from django.db import migrations

TABLE = "contributions_contribution"
DOCUMENT = (
    "setweight(to_tsvector('italian'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('italian'::regconfig, coalesce(body, '')), 'B')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS contrib_search_gin")
    schema_editor.execute(f"ALTER TABLE {TABLE} ADD COLUMN search_doc tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED")
    schema_editor.execute(f"CREATE INDEX contrib_search_doc_gin ON {TABLE} USING gin (search_doc)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS contrib_search_doc_gin")
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_doc")
    schema_editor.execute(
        f"CREATE INDEX contrib_search_gin ON {TABLE} USING gin (({DOCUMENT}))"
    )


class Migration(migrations.Migration):
    dependencies = [("contributions", "0003_list_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
