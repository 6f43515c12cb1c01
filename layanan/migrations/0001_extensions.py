from django.contrib.postgres.operations import BtreeGistExtension, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for ticket/FAQ search, btree_gist for the room booking exclusion
    constraint. Both are no-ops on SQLite."""

    dependencies = []

    operations = [TrigramExtension(), BtreeGistExtension()]
