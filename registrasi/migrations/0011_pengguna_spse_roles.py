"""Bidang Registrasi dan Verifikasi keeps the register of SPSE users imported from SPSE."""

from django.db import migrations

from lpse.roles import grant
from registrasi.roles import PENGGUNA_SPSE


def create(apps, schema_editor):
    from lpse import roles

    grant(apps, {roles.KABID_REGISTRASI: PENGGUNA_SPSE, roles.REGISTRASI: PENGGUNA_SPSE})


class Migration(migrations.Migration):
    dependencies = [("registrasi", "0010_pengguna_spse")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
