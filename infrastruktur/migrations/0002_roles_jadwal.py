from django.db import migrations

from infrastruktur.roles import ROLE_PERMISSIONS
from lpse.roles import grant
from lpse.schedules import install_crontab, install_interval


def install(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)
    # Pasal 17(1)-(3): defaults from the issue; editable in django-celery-beat.
    install_interval(apps, name="Metrik server ini (psutil)", task="infrastruktur.tasks.collect_local", every=300)
    install_interval(apps, name="Pemeriksaan koneksi", task="infrastruktur.tasks.run_checks", every=60)
    install_interval(apps, name="Evaluasi ambang & insiden", task="infrastruktur.tasks.evaluate", every=60)
    install_crontab(apps, name="Roll-up metrik per jam", task="infrastruktur.tasks.rollup_hourly", minute="5", hour="*")
    install_crontab(
        apps, name="Roll-up & pemangkasan metrik malam", task="infrastruktur.tasks.rollup_and_prune", minute="30", hour="0"
    )
    install_crontab(
        apps, name="Laporan Monitoring Harian", task="infrastruktur.tasks.daily_report", minute="0", hour="7"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("infrastruktur", "0001_initial"),
        ("lpse", "0004_schedules"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
