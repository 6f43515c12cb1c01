"""Trigram indexes for the queue's name search (PostgreSQL only; SQLite demo installs skip them).

The search is ``icontains``, which Django writes as ``UPPER(col) LIKE '%…%'``;
indexes on the same expressions keep it off a sequential scan of 100,000 rows.
pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
"""

from django.db import migrations

INDEXES = {
    "pendaftaran_nama_trgm": "nama_badan_usaha",
    "pendaftaran_pj_nama_trgm": "pj_nama",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON registrasi_pendaftaran USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registrasi", "0005_pencarian")]
    operations = [migrations.RunPython(create, drop)]
