"""Joins the monitoring chain (issue 5) and the backup chain (issue 6), which
were built side by side in this app."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("infrastruktur", "0002_roles_jadwal"),
        ("infrastruktur", "0002_backup_defaults"),
    ]
    operations = []
