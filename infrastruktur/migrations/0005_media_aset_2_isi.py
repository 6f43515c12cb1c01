"""Every portable medium registered before the link gets its asset (issue 6: media are assets).

An unlinked ``media_backup`` asset of the same name is taken over; otherwise a
new asset is made, named after the medium's label (or "Media backup <label>"
when another kind of asset already has that name).
"""

from django.db import migrations


def link_media(apps, schema_editor):
    Aset = apps.get_model("infrastruktur", "Aset")
    MediaBackup = apps.get_model("infrastruktur", "MediaBackup")
    for medium in MediaBackup.objects.filter(aset=None).order_by("pk"):
        aset = Aset.objects.filter(nama=medium.label, jenis="media_backup", media_backup=None).first()
        if aset is None:
            nama = medium.label
            if Aset.objects.filter(nama=nama).exists():
                nama = f"Media backup {medium.label}"
            aset = Aset.objects.create(
                nama=nama,
                jenis="media_backup",
                peran="Media backup portabel (Pasal 18 ayat 2)",
                disk=f"{medium.kapasitas_gb} GB",
                status="aktif" if medium.aktif else "nonaktif",
                kerahasiaan=3,
                integritas=3,
                ketersediaan=2,
            )
        medium.aset = aset
        medium.save(update_fields=["aset"])


class Migration(migrations.Migration):
    dependencies = [("infrastruktur", "0004_media_aset_1_kolom")]
    operations = [migrations.RunPython(link_media, migrations.RunPython.noop)]
