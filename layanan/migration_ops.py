"""Migration operations that only touch PostgreSQL.

The embedded SQLite default (``make run``) has no GiST exclusion
constraints; the migration state still holds them, so ``makemigrations``
sees no difference, and PostgreSQL — production and the tests — gets the
real constraint.
"""

from django.db import migrations


class AddConstraintOnPostgres(migrations.AddConstraint):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
