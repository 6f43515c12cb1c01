from django.db import migrations

from lpse.schedules import install_crontab


def forwards(apps, schema_editor):
    install_crontab(apps, name="Tutup otomatis tiket helpdesk", task="layanan.tasks.tutup_otomatis", minute="30", hour="18")


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0007_antrian_per_kategori"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
