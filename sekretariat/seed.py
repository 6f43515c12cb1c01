"""Demo and volume data of the Sekretariat (``manage.py seed_demo`` / ``seed_volume``)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lpse import roles
from lpse.demo import demo_email
from lpse.models import DocumentCounter, User

from .models import (
    Disposisi,
    Kegiatan,
    KontenPublik,
    Naskah,
    Pegawai,
    PelatihanPegawai,
    PenugasanLuar,
    Risiko,
    SuratKeputusan,
)

# (demo role, jabatan, bidang, NIP)
_STAFF = [
    (roles.KEPALA_UNIT, "kepala_unit", "", "197205141998031003"),
    (roles.SEKRETARIS, "sekretaris", "sekretariat", "197811222005012004"),
    (roles.SEKRETARIAT, "anggota", "sekretariat", "199003032015032002"),
    (roles.KABID_ADMIN_SISTEM, "kepala_bidang", "infrastruktur", "198002102006041001"),
    (roles.ADMIN_SISTEM, "anggota", "infrastruktur", "199207072019031005"),
    (roles.KABID_REGISTRASI, "kepala_bidang", "registrasi", "198104052008012003"),
    (roles.REGISTRASI, "anggota", "registrasi", "199109092017031001"),
    (roles.KABID_LAYANAN, "kepala_bidang", "layanan", "198306062009031002"),
    (roles.LAYANAN, "anggota", "layanan", "199412122020122001"),
]


@transaction.atomic
def seed_demo() -> None:
    """Idempotent: the unit's staff under one SK, letters, a program kerja, risks and public content."""
    from . import services

    today = timezone.localdate()
    year = today.year
    sk, _ = SuratKeputusan.objects.get_or_create(
        nomor=f"188.45/15/BUP/{year}",
        defaults={
            "tanggal": dt.date(year, 1, 10),
            "perihal": "Penetapan personil Unit LPSE Kabupaten Karo",
            "berlaku_sampai": today + dt.timedelta(days=45),
        },
    )
    users = {u.email: u for u in User.objects.filter(email__in=[demo_email(r) for r, *_ in _STAFF])}
    for role, jabatan, bidang, nip in _STAFF:
        user = users.get(demo_email(role))
        if user is None or Pegawai.objects.filter(nip=nip).exists():
            continue
        services.pegawai_save(
            pegawai=Pegawai(
                nama=user.nama_lengkap, nip=nip, jabatan=jabatan, bidang=bidang, sk=sk, user=user, email=user.email
            )
        )
    if not PenugasanLuar.objects.exists():
        PenugasanLuar.objects.create(
            nama="Pejabat PPK Dinas Kesehatan",
            nip="197701012003121002",
            peran="ppk",
            nomor_sk=f"027/33/DINKES/{year}",
            instansi="Dinas Kesehatan",
            tanggal_sk=dt.date(year, 2, 1),
        )
    sekretaris = Pegawai.objects.filter(jabatan="sekretaris", aktif=True).first()
    if sekretaris and not PelatihanPegawai.objects.exists():
        PelatihanPegawai.objects.create(
            pegawai=sekretaris,
            nama="Bimtek Pengelolaan LPSE",
            penyelenggara="LKPP",
            mulai=today.replace(day=1),
            selesai=today.replace(day=1),
            jam_pelajaran=16,
        )
    if not Naskah.objects.exists():
        kepala = users.get(demo_email(roles.KEPALA_UNIT))
        items = [
            ("masuk", "Dinas PUPR", "Kepala Unit LPSE", "Permohonan akun Pokja Pemilihan"),
            ("masuk", "LKPP", "Kepala Unit LPSE", "Undangan sosialisasi SPSE versi terbaru"),
            ("keluar", "Kepala Unit LPSE", "Seluruh OPD", "Jadwal pelatihan SPSE bagi PPK"),
            ("telaahan", "Sekretaris", "Kepala Unit LPSE", "Telaahan penambahan kapasitas bandwidth"),
        ]
        for jenis, dari, kepada, perihal in items:
            naskah = services.naskah_register(
                naskah=Naskah(
                    jenis=jenis,
                    tanggal_surat=today,
                    tanggal_agenda=today,
                    pengirim=dari,
                    penerima=kepada,
                    perihal=perihal,
                ),
                user=kepala,
            )
            if perihal.startswith("Permohonan"):
                Disposisi.objects.create(
                    naskah=naskah,
                    kepada_bidang="registrasi",
                    dari=kepala,
                    instruksi="Proses sesuai SOP registrasi.",
                    batas_waktu=today + dt.timedelta(days=3),
                )
    if not Kegiatan.objects.filter(tahun=year).exists():
        plan = [
            (
                "registrasi",
                "Verifikasi penyedia",
                "Penyedia terverifikasi",
                120,
                "registrasi.terverifikasi",
                15_000_000,
            ),
            ("layanan", "Pelatihan SPSE bagi penyedia dan PPK", "Pelatihan", 6, "layanan.pelatihan", 40_000_000),
            (
                "infrastruktur",
                "Monitoring harian server",
                "Hari termonitor",
                240,
                "infrastruktur.hari_monitoring",
                10_000_000,
            ),
            (
                "sekretariat",
                "Pengembangan kompetensi pegawai",
                "Pelatihan pegawai",
                4,
                "sekretariat.pelatihan_pegawai",
                25_000_000,
            ),
            ("sekretariat", "Penyusunan laporan kegiatan", "Laporan", 12, "", 5_000_000),
        ]
        for bidang, nama, indikator, target, sumber, pagu in plan:
            services.kegiatan_save(
                kegiatan=Kegiatan(
                    tahun=year,
                    bidang=bidang,
                    nama=nama,
                    indikator=indikator,
                    target=Decimal(target),
                    sumber_otomatis=sumber,
                    realisasi_manual=None if sumber else Decimal(target // 2),
                    jadwal_mulai=dt.date(year, 1, 1),
                    jadwal_selesai=dt.date(year, 12, 31),
                    pagu=Decimal(pagu),
                    realisasi_anggaran=Decimal(pagu) * Decimal("0.6"),
                )
            )
    if not Risiko.objects.exists():
        owner = users.get(demo_email(roles.KABID_ADMIN_SISTEM))
        for aset, ancaman, d, a, k, p, tinjau in [
            ("Server SPSE", "Listrik padam lebih dari 2 jam", 4, 3, 3, 3, today),
            ("Backup basis data", "Media backup rusak", 4, 2, 2, 2, today + dt.timedelta(days=30)),
            ("Layanan helpdesk", "Petugas tidak hadir", 2, 2, 2, 1, today + dt.timedelta(days=90)),
        ]:
            services.risiko_save(
                risiko=Risiko(
                    aset=aset,
                    ancaman=ancaman,
                    nilai_dampak=d,
                    nilai_ancaman=a,
                    nilai_kerentanan=k,
                    nilai_paparan=p,
                    pemilik=owner,
                    tanggal_tinjau=tinjau,
                    mitigasi="Lihat rencana mitigasi.",
                )
            )
    _seed_perlengkapan(users=users, today=today)
    if not KontenPublik.objects.exists():
        KontenPublik.objects.create(
            tentang="LPSE Kabupaten Karo memfasilitasi pengadaan barang/jasa secara elektronik bagi perangkat "
            "daerah dan penyedia (Perbup Karo 02/2017).",
            jam_layanan="Senin–Jumat, 08.00–16.00 WIB",
            standar_layanan="Verifikasi dokumen penyedia diselesaikan paling lama 1 hari kerja setelah dokumen "
            "asli ditunjukkan.",
        )


def _seed_perlengkapan(*, users: dict, today: dt.date) -> None:
    """Pasal 8(4)f: a few consumables (one below its minimum), equipment held by staff, requests."""
    from . import services
    from .models import Barang

    if Barang.objects.exists():
        return
    petugas = users.get(demo_email(roles.SEKRETARIAT))
    sekretaris = users.get(demo_email(roles.SEKRETARIS))
    items = [
        # kode, nama, jenis, satuan, lokasi, stok awal, minimum
        ("ATK-001", "Kertas HVS A4 70 gram", "habis_pakai", "rim", "Gudang Sekretariat", 40, 10),
        ("ATK-002", "Tinta printer hitam", "habis_pakai", "botol", "Gudang Sekretariat", 3, 6),
        ("ATK-003", "Map snelhecter", "habis_pakai", "buah", "Gudang Sekretariat", 120, 30),
        ("RT-001", "Air minum galon", "habis_pakai", "galon", "Pantri", 8, 4),
        ("PRL-001", "Proyektor ruang pelatihan", "peralatan", "unit", "Ruang pelatihan", 2, 0),
        ("PRL-002", "Kamera dokumentasi", "peralatan", "unit", "Lemari Sekretariat", 1, 0),
        ("PRL-003", "Kursi lipat", "peralatan", "buah", "Gudang Sekretariat", 30, 0),
    ]
    barang = {}
    for kode, nama, jenis, satuan, lokasi, stok, minimum in items:
        b = services.barang_save(
            barang=Barang(kode=kode, nama=nama, jenis=jenis, satuan=satuan, lokasi=lokasi, stok_minimum=minimum)
        )
        services.barang_record_movement(
            barang=b, jenis="masuk", jumlah=stok, user=petugas, keterangan="Saldo awal", tanggal=today.replace(day=1)
        )
        barang[kode] = b
    humas = Pegawai.objects.filter(jabatan="anggota", bidang="layanan", aktif=True).first()
    if humas:
        services.peminjaman_create(
            barang=barang["PRL-002"], pegawai=humas, jumlah=1, user=petugas, keterangan="Dokumentasi pelatihan"
        )
    staf = users.get(demo_email(roles.REGISTRASI)) or petugas
    if staf and sekretaris:
        done = services.permintaan_submit(barang=barang["ATK-001"], jumlah=5, keperluan="Verifikasi berkas", user=staf)
        services.permintaan_approve(permintaan=done, user=sekretaris)
        services.permintaan_submit(barang=barang["ATK-003"], jumlah=20, keperluan="Arsip pendaftaran", user=staf)
        tolak = services.permintaan_submit(barang=barang["RT-001"], jumlah=4, keperluan="Rapat bidang", user=staf)
        services.permintaan_reject(permintaan=tolak, user=sekretaris, alasan="Air minum untuk ruang tunggu penyedia.")


def seed_volume(*, stdout, small: bool = False) -> None:
    """Letters and activities in bulk (bulk_create), for the query-count and speed benchmark."""
    n_naskah = 30 if small else 20_000
    year = timezone.localdate().year
    have = Naskah.objects.filter(perihal__startswith="[volume]").count()
    if have < n_naskah:
        start = (
            Naskah.objects.filter(jenis="masuk", tahun=year - 1)
            .order_by("-urut")
            .values_list("urut", flat=True)
            .first()
            or 0
        )
        rows = []
        for i in range(have, n_naskah):
            tanggal = dt.date(year - 1, 1 + i % 12, 1 + i % 28)
            urut = start + i + 1
            rows.append(
                Naskah(
                    jenis="masuk",
                    tahun=year - 1,
                    urut=urut,
                    nomor_agenda=f"V{urut:06d}/SM/{year - 1}",
                    tanggal_surat=tanggal,
                    tanggal_agenda=tanggal,
                    pengirim=f"OPD {i % 40}",
                    penerima="Kepala Unit LPSE",
                    perihal=f"[volume] Surat {i}",
                )
            )
        Naskah.objects.bulk_create(rows, batch_size=2000)
        # keep the agenda counter ahead of the bulk rows, so the next entry gets the next number
        last = Naskah.objects.filter(jenis="masuk", tahun=year - 1).order_by("-urut").values_list("urut", flat=True)[0]
        DocumentCounter.objects.update_or_create(kode="AGENDA-SM", tahun=year - 1, defaults={"terakhir": last})
    stdout.write(f"Sekretariat: {n_naskah} naskah volume.")
    bench_yearly_report(stdout=stdout, tahun=year - 1)


def bench_yearly_report(*, stdout, tahun: int) -> None:
    """Build the yearly Laporan Kegiatan on the volume data and print its time and query count
    (the issue's budget: under 20 s, queries not growing with the data)."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from . import services
    from .models import LaporanKegiatan

    start, end = services.period_bounds("tahunan", tahun, 1)
    laporan, _ = LaporanKegiatan.objects.get_or_create(
        periode="tahunan", tahun=tahun, nomor_periode=1, defaults={"mulai": start, "selesai": end}
    )
    if laporan.status == LaporanKegiatan.Status.TERBIT:
        return
    LaporanKegiatan.objects.filter(pk=laporan.pk).update(status=LaporanKegiatan.Status.MENUNGGU)
    began = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        services.laporan_build(laporan_id=laporan.pk)
    stdout.write(
        f"Sekretariat: laporan tahunan {tahun} disusun dalam {time.perf_counter() - began:.2f} s "
        f"dengan {len(queries)} query."
    )


def _laporan_tahunan() -> str:
    from .models import LaporanKegiatan

    laporan = LaporanKegiatan.objects.filter(periode="tahunan").order_by("-tahun").first()
    return f"/staf/sekretariat/laporan/{laporan.pk}/" if laporan else "/staf/sekretariat/laporan/"


# Issue 14: the same budget as every page; the year pages read running totals (lpse.DailyTotal).
BENCH_PAGES = [
    {
        "name": "sekretariat: daftar pegawai",
        "path": "/staf/sekretariat/pegawai/",
        "role": roles.SEKRETARIS,
    },
    {
        "name": "sekretariat: register naskah",
        "path": "/staf/sekretariat/naskah/",
        "role": roles.SEKRETARIAT,
    },
    {
        "name": "sekretariat: cari naskah",
        "path": "/staf/sekretariat/naskah/?q=Surat+1",
        "role": roles.SEKRETARIAT,
    },
    {
        "name": "sekretariat: program kerja",
        "path": "/staf/sekretariat/program-kerja/",
        "role": roles.KEPALA_UNIT,
    },
    {
        "name": "sekretariat: statistik",
        "path": "/staf/sekretariat/statistik/",
        "role": roles.KEPALA_UNIT,
    },
    {
        "name": "sekretariat: kepatuhan SOP",
        "path": "/staf/sekretariat/sop/",
        "role": roles.KEPALA_UNIT,
    },
    {
        "name": "sekretariat: laporan tahunan",
        "path": _laporan_tahunan,
        "role": roles.KEPALA_UNIT,
    },
    {"name": "publik: statistik", "path": "/statistik/", "role": None},
]
