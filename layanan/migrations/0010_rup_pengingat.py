"""Daily RUP reminder at 07:30 WIB (Pasal 4(1)a)."""

from django.db import migrations

from lpse.schedules import install_crontab


def install(apps, schema_editor):
    install_crontab(apps, name="Pengingat pengumuman RUP", task="layanan.tasks.rup_pengingat", minute="30", hour="7")


class Migration(migrations.Migration):
    dependencies = [("layanan", "0009_fasilitasi_rup"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
