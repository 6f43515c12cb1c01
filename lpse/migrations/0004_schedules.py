from django.db import migrations

from lpse.schedules import install_interval


def install(apps, schema_editor):
    install_interval(apps, name="Detak worker (healthz)", task="lpse.tasks.heartbeat", every=60)
    install_interval(apps, name="Kirim ulang email tertunda", task="lpse.tasks.flush_outbox", every=300)


class Migration(migrations.Migration):
    dependencies = [("lpse", "0003_instansi_karo"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
