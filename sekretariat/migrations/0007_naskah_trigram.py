"""A trigram index for the letter register's text search (PostgreSQL only; SQLite skips it).

The search matches ``UPPER(perihal || ' ' || pengirim || …)`` (selectors.naskah_search_text,
six columns); a GIN trigram index on that same expression answers it with one
index scan instead of reading every letter of every year. The index is built
from the selector's own expression, so the two cannot drift apart.
"""

from django.db import migrations

NAME = "naskah_teks_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex, OpClass

    from sekretariat.selectors import naskah_search_text

    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    index = GinIndex(OpClass(naskah_search_text(), name="gin_trgm_ops"), name=NAME)
    schema_editor.add_index(apps.get_model("sekretariat", "Naskah"), index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("sekretariat", "0006_filter_indexes")]
    operations = [migrations.RunPython(create, drop)]
