"""``Akses`` becomes ``AksesInfrastruktur`` (issue 10: lpse and sekretariat have an ``Akses`` too).

RenameModel on this table-less model changes no table; Django renames its
ContentType row in the same migrate run, so the permissions
``infrastruktur.setujui_perubahan`` / ``setujui_izin`` and their grants stay.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("infrastruktur", "0007_pindah_monitoring_backup")]

    operations = [migrations.RenameModel(old_name="Akses", new_name="AksesInfrastruktur")]
