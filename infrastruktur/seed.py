"""Demo data of the Administrasi Sistem Elektronik: the asset register and the SOP records
(server-room check, visitor permit, change request, maintenance window).

Monitoring's samples and checks and the backup SOP's sources and media are
seeded by ``monitoring/seed.py`` and ``backup/seed.py``, which run after this
one (lpse.registry order).
"""

from datetime import date, timedelta

from django.utils import timezone

from lpse import roles
from lpse.demo import demo_email
from lpse.models import User

from .models import Aset, CekRuangServer, IzinKunjungan, Pemeliharaan, PermintaanPerubahan
from .services.operasi import pemeliharaan_save

DEMO_ASET = [
    # nama, jenis, peran, alamat, ruang, rak, C, I, A, spse
    (
        "Server Aplikasi SPSE",
        "server",
        "Aplikasi SPSE 4.5",
        "10.12.1.11",
        "Ruang Server Diskominfo",
        "R1-U20",
        2,
        3,
        3,
        True,
    ),
    (
        "Server Basis Data SPSE",
        "server",
        "PostgreSQL SPSE",
        "10.12.1.12",
        "Ruang Server Diskominfo",
        "R1-U18",
        3,
        3,
        3,
        False,
    ),
    (
        "Server Backup",
        "server",
        "Penyimpanan cadangan (Pasal 18)",
        "10.12.1.20",
        "Ruang Server Diskominfo",
        "R2-U10",
        3,
        3,
        2,
        False,
    ),
    (
        "Switch Inti",
        "jaringan",
        "Core switch LAN LPSE",
        "10.12.1.1",
        "Ruang Server Diskominfo",
        "R2-U40",
        2,
        3,
        3,
        False,
    ),
    (
        "Router Internet",
        "jaringan",
        "Gateway internet",
        "10.12.1.254",
        "Ruang Server Diskominfo",
        "R2-U42",
        2,
        3,
        3,
        False,
    ),
    ("UPS 10 kVA", "ups", "Daya cadangan ruang server", "", "Ruang Server Diskominfo", "", 1, 2, 3, False),
    ("AC Presisi 1", "ac", "Pendingin ruang server", "", "Ruang Server Diskominfo", "", 1, 1, 3, False),
    (
        "Hard disk eksternal A",
        "media_backup",
        "Media backup mingguan",
        "",
        "Lemari besi Sekretariat",
        "",
        3,
        3,
        2,
        False,
    ),
    (
        "Hard disk eksternal B",
        "media_backup",
        "Media backup bulanan",
        "",
        "Lemari besi Sekretariat",
        "",
        3,
        3,
        2,
        False,
    ),
]


def seed_demo() -> None:
    """A small, believable server room: assets (with this portal's own server) and SOP records."""
    if Aset.objects.filter(nama="Server Aplikasi SPSE").exists():
        return
    for nama, jenis, peran, alamat, ruang, rak, c, i, a, spse in DEMO_ASET:
        Aset.objects.create(
            nama=nama,
            jenis=jenis,
            peran=peran,
            alamat=alamat,
            ruang=ruang,
            rak=rak,
            kerahasiaan=c,
            integritas=i,
            ketersediaan=a,
            server_spse=spse,
            pemilik="Bidang Administrasi Sistem Elektronik",
            tanggal_perolehan=date(2023, 3, 1),
            garansi_sampai=date(2026, 12, 31),
        )
    Aset.objects.filter(host_lokal=True).first() or Aset.objects.create(
        nama="Server Portal LPSE (server ini)",
        jenis="server",
        peran="Portal LPSE",
        host_lokal=True,
        ruang="Ruang Server Diskominfo",
        kerahasiaan=2,
        integritas=3,
        ketersediaan=2,
    )
    now = timezone.now()
    staf = User.objects.filter(email=demo_email(roles.ADMIN_SISTEM)).first()
    kabid = User.objects.filter(email=demo_email(roles.KABID_ADMIN_SISTEM)).first()
    CekRuangServer.objects.get_or_create(
        tanggal=timezone.localdate() - timedelta(days=1), defaults={"suhu": 23.5, "kelembapan": 52, "oleh": staf}
    )
    IzinKunjungan.objects.create(
        nama="Budi Santoso",
        instansi="PT Mitra Jaringan",
        keperluan="Penggantian modul switch inti",
        tanggal=timezone.localdate() + timedelta(days=1),
        perangkat="Laptop, modul SFP",
    )
    PermintaanPerubahan.objects.create(
        judul="Pembaruan kernel server aplikasi SPSE",
        alasan="Tambalan keamanan",
        rencana="apt upgrade di luar jam kerja",
        rencana_uji="Uji login dan unggah dokumen",
        rencana_rollback="Boot dengan kernel sebelumnya",
        diajukan_oleh=staf,
    )
    start = (now + timedelta(days=7)).replace(hour=20, minute=0, second=0, microsecond=0)
    window = Pemeliharaan(
        judul="Penggantian disk server basis data",
        uraian="Disk RAID yang melemah diganti.",
        mulai=start,
        selesai=start + timedelta(hours=3),
    )
    pemeliharaan_save(pemeliharaan=window, aset=list(Aset.objects.filter(nama="Server Basis Data SPSE")), user=kabid)
