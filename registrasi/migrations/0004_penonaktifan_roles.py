"""Pasal 10(5): PA/KPA, PPK and ULP may ask for a vendor's deactivation."""

from django.db import migrations

from lpse.roles import grant
from registrasi.roles import ROLE_PERMISSIONS


def create(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("registrasi", "0003_penonaktifan")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
