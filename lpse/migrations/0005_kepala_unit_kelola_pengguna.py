"""The Kepala Unit assigns roles on /staf/pengguna/ (Pasal 7(2)a: the head runs
the unit day to day); Pasal 19(3) is checked wherever roles are given."""

from django.db import migrations

from lpse.roles import KEPALA_UNIT, grant


def give(apps, schema_editor):
    grant(apps, {KEPALA_UNIT: ["lpse.view_user", "lpse.change_user"]})


class Migration(migrations.Migration):
    dependencies = [("lpse", "0004_schedules")]
    operations = [migrations.RunPython(give, migrations.RunPython.noop)]
