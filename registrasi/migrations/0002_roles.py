"""Permissions of Bidang Registrasi dan Verifikasi (Pasal 10)."""

from django.db import migrations

from lpse.roles import grant
from registrasi.roles import ROLE_PERMISSIONS


def create(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("registrasi", "0001_initial"),
        ("lpse", "0002_roles"),
    ]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
