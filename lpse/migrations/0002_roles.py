"""Roles of Pasal 5 and the outside users, with their permissions."""

from django.db import migrations

from lpse.roles import ROLE_PERMISSIONS, grant


def create_roles(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("lpse", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
