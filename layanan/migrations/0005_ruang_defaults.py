from django.db import migrations

from lpse.roles import grant

RUANG = [
    ("Ruang Bidding", "bidding", 12, "12 komputer, internet, proyektor; untuk pembukaan penawaran Pokja.", True),
    ("Ruang Pelatihan", "pelatihan", 30, "30 kursi, 20 komputer, proyektor, pengeras suara.", True),
    ("Ruang Verifikasi", "verifikasi", 4, "Meja verifikasi, pemindai dokumen.", False),
]


def forwards(apps, schema_editor):
    from layanan.roles import ROLE_PERMISSIONS

    grant(apps, ROLE_PERMISSIONS)
    Ruang = apps.get_model("layanan", "Ruang")
    for nama, jenis, kapasitas, fasilitas, persetujuan in RUANG:
        Ruang.objects.get_or_create(
            nama=nama,
            defaults={"jenis": jenis, "kapasitas": kapasitas, "fasilitas": fasilitas, "perlu_persetujuan": persetujuan},
        )


class Migration(migrations.Migration):
    dependencies = [("layanan", "0004_ruang_pelatihan")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
