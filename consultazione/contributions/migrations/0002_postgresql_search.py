"""PostgreSQL only: pg_trgm for similar titles and a GIN index for full-text search.

Other databases (SQLite in development) skip this migration's work; the selectors fall back to
portable queries there. The full-text index is built on the same expression as
`selectors.search.search_vector()`, so the planner can use it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import DatabaseError, migrations, transaction

TRIGRAM_INDEX = "contrib_title_trgm"
SEARCH_INDEX = "contrib_search_gin"


def _indexes():
    search = SearchVector("title", weight="A", config="italian") + SearchVector("body", weight="B", config="italian")
    return [
        GinIndex(fields=["title"], opclasses=["gin_trgm_ops"], name=TRIGRAM_INDEX),
        GinIndex(search, name=SEARCH_INDEX),
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("contributions", "Contribution")
    trigram, search = _indexes()
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        trigram = None  # not allowed to install extensions: similarity falls back to the portable scorer
    if trigram is not None:
        schema_editor.add_index(model, trigram)
    schema_editor.add_index(model, search)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in (TRIGRAM_INDEX, SEARCH_INDEX):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
