"""Permissions of the Sekretariat's roles and the daily risk-review reminder."""

from django.db import migrations

from lpse.roles import grant
from lpse.schedules import install_crontab
from sekretariat.roles import ROLE_PERMISSIONS


# Declared (and granted) by a later migration: this one grants what its state knows.
LATER = {"sekretariat.kelola_perlengkapan", "sekretariat.setujui_permintaan_barang"}  # 0010_perlengkapan


def install(apps, schema_editor):
    grant(apps, {role: [p for p in perms if p not in LATER] for role, perms in ROLE_PERMISSIONS.items()})
    install_crontab(
        apps, name="Pengingat tinjauan risiko", task="sekretariat.tasks.remind_risk_reviews", minute="0", hour="7"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sekretariat", "0001_initial"),
        ("lpse", "0002_roles"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
