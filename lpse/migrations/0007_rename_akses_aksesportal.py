"""lpse.Akses becomes lpse.AksesPortal (issue 10: one name, one model).

The model has no table; RenameModel renames its content type (Django's
contenttypes app adds that step to every RenameModel), so the permission rows
``lpse.akses_*`` keep their ids and every group keeps them.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lpse", "0006_user_history_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel(old_name="Akses", new_name="AksesPortal"),
    ]
