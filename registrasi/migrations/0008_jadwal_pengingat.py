from django.db import migrations

from lpse.schedules import install_crontab


def install(apps, schema_editor):
    install_crontab(
        apps, name="Pengingat masa berlaku jabatan/izin (30 hari)", task="registrasi.tasks.ingatkan_kedaluwarsa",
        minute="0", hour="7",
    )


class Migration(migrations.Migration):
    dependencies = [("registrasi", "0007_layanan_akun"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
