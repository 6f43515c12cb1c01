"""Helpers for tests that read PostgreSQL's plans on the volume shape."""

from django.db import connection


def settle(table: str) -> None:
    """The state autovacuum keeps a busy table in: GIN pending lists merged, statistics fresh.

    Rows inserted after a GIN index was built wait in its pending list, which the
    planner costs as a scan of every pending row; on a live server autovacuum
    merges it. VACUUM cannot run inside the test's transaction, gin_clean_pending_list can.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE i.indrelid = %s::regclass AND a.amname = 'gin'",
            [table],
        )
        cursor.execute(f"ANALYZE {table}")
