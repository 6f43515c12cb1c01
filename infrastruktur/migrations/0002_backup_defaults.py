from django.db import migrations

from lpse.schedules import install_crontab, install_interval


def install(apps, schema_editor):
    """The portal's own database and media are backed up by default (Pasal 18(1)), daily at 01:00 WIB."""
    BackupSource = apps.get_model("infrastruktur", "BackupSource")
    BackupPolicy = apps.get_model("infrastruktur", "BackupPolicy")
    BackupSource.objects.get_or_create(
        slug="portal-db", defaults={"nama": "Basis data portal", "jenis": "portal_db", "aktif": True}
    )
    BackupSource.objects.get_or_create(
        slug="portal-media", defaults={"nama": "Berkas unggahan portal", "jenis": "portal_media", "aktif": True}
    )
    BackupPolicy.objects.get_or_create(pk=1)
    install_crontab(
        apps, name="Backup harian (Pasal 18)", task="infrastruktur.backup.tasks.backup_all", minute="0", hour="1"
    )
    install_crontab(
        apps,
        name="Cek ulang arsip backup mingguan",
        task="infrastruktur.backup.tasks.backup_recheck_retained",
        minute="0",
        hour="3",
        day_of_week="0",
    )
    install_interval(
        apps, name="Lepas kunci backup yang macet", task="infrastruktur.backup.tasks.backup_reap_stale", every=600
    )


class Migration(migrations.Migration):
    dependencies = [
        ("infrastruktur", "0001_backup_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
