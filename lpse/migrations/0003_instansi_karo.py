"""Perangkat daerah of Kabupaten Karo (Perda Karo 5/2016) and its BUMD, so a
new install can register officials at once. Another kabupaten edits the list
in the admin or with its own data migration."""

from django.db import migrations

OPD = [
    ("Sekretariat Daerah", "Setda"),
    ("Sekretariat DPRD", "Setwan"),
    ("Inspektorat", ""),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappeda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("Badan Pendapatan Daerah", "Bapenda"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Perkim"),
    ("Satuan Polisi Pamong Praja", "Satpol PP"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Tenaga Kerja", "Disnaker"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A"),
    ("Dinas Ketahanan Pangan", ""),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Dinas Koperasi, Usaha Kecil dan Menengah", ""),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Kepemudaan dan Olahraga", "Dispora"),
    ("Dinas Kebudayaan dan Pariwisata", "Disbudpar"),
    ("Dinas Perpustakaan dan Kearsipan", ""),
    ("Dinas Pertanian", ""),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag"),
    ("Rumah Sakit Umum Daerah Kabanjahe", "RSUD"),
]
KECAMATAN = [
    "Barusjahe", "Berastagi", "Dolat Rayat", "Juhar", "Kabanjahe", "Kutabuluh", "Laubaleng", "Mardingding",
    "Merdeka", "Merek", "Munte", "Naman Teran", "Payung", "Simpang Empat", "Tigabinanga", "Tiganderket",
    "Tigapanah",
]
BUMD = [("Perusahaan Umum Daerah Air Minum Tirta Malem", "PDAM Tirta Malem")]


def seed(apps, schema_editor):
    Instansi = apps.get_model("lpse", "Instansi")
    for nama, singkatan in OPD:
        Instansi.objects.get_or_create(nama=nama, defaults={"singkatan": singkatan, "jenis": "opd"})
    for kec in KECAMATAN:
        Instansi.objects.get_or_create(nama=f"Kecamatan {kec}", defaults={"jenis": "opd"})
    for nama, singkatan in BUMD:
        Instansi.objects.get_or_create(nama=nama, defaults={"singkatan": singkatan, "jenis": "bumd"})


class Migration(migrations.Migration):
    dependencies = [("lpse", "0002_roles")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
