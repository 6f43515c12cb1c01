from django.db import migrations

from lpse.schedules import install_crontab


def install(apps, schema_editor):
    # 01:30 WIB: after midnight yesterday is complete; readers only catch up on the day's changes.
    install_crontab(apps, name="Total harian (laporan tahunan)", task="lpse.tasks.refresh_daily_totals", minute="30", hour="1")


class Migration(migrations.Migration):
    dependencies = [("lpse", "0009_daily_totals"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
