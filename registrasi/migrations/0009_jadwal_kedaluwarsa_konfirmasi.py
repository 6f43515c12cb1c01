from django.db import migrations

from lpse.schedules import install_crontab


def install(apps, schema_editor):
    install_crontab(
        apps,
        name="Batalkan pendaftaran yang emailnya tidak dikonfirmasi",
        task="registrasi.tasks.batalkan_belum_dikonfirmasi",
        minute="30",
        hour="1",
    )


class Migration(migrations.Migration):
    dependencies = [("registrasi", "0008_jadwal_pengingat"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
