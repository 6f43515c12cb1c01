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


class AddBooleanFieldKeepingSqliteTable(migrations.AddField):
    """AddField of a BooleanField with a default that, on SQLite, alters the table in place.

    SQLite adds a NOT NULL column with a default by remaking the table from the migration
    state, and that state holds the PostgreSQL-only exclusion constraint above: the remade
    table's CREATE TABLE would fail on ``EXCLUDE``. ``ALTER TABLE … ADD COLUMN … DEFAULT`` keeps
    the table (and leaves out the constraint, as AddConstraintOnPostgres does).
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        default = 1 if field.default else 0
        schema_editor.execute(
            f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} "
            f"ADD COLUMN {schema_editor.quote_name(field.column)} bool NOT NULL DEFAULT {default}"
        )
