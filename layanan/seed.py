"""Demo and volume data of Layanan dan Dukungan, and the pages the benchmark opens."""

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from lpse import roles

VOLUME_DOMAIN = "volume.lpse.id"

SUBJECTS = [
    "Tidak dapat mengunggah dokumen penawaran",
    "Lupa kata sandi akun SPSE",
    "Sertifikat elektronik kedaluwarsa",
    "Permohonan aktivasi akun penyedia",
    "Jadwal tender tidak tampil",
    "Apendo tidak dapat membuka berkas",
    "Konsultasi metode pemilihan",
    "Pengumuman RUP belum tayang",
    "Email verifikasi tidak diterima",
    "Galat saat login ke SPSE",
    "Permintaan pelatihan Pokja",
    "Keluhan antrean verifikasi",
    "Saran perbaikan layanan helpdesk",
    "Dokumen kualifikasi gagal tersimpan",
    "Perubahan data perusahaan",
    "Kesalahan nilai HPS pada paket",
]
KATEGORI = ["konsultasi", "registrasi", "teknis", "keluhan", "fasilitasi", "masukan"]


def seed_demo() -> None:
    """A few tickets in every state, FAQ articles and an open escalation (idempotent)."""
    from django.contrib.auth import get_user_model

    from lpse.demo import demo_email

    from . import services
    from .models import ArtikelFaq, KategoriFaq, Status, Tiket

    User = get_user_model()
    penyedia = User.objects.filter(email=demo_email(roles.PENYEDIA)).first()
    staf = User.objects.filter(email=demo_email(roles.LAYANAN)).first()
    if penyedia is None or staf is None or Tiket.objects.filter(pelapor=penyedia).exists():
        return
    kategori = {k.nama: k for k in KategoriFaq.objects.all()}
    akun = kategori.get("Registrasi & akun") or KategoriFaq.objects.create(nama="Registrasi & akun")
    teknis = kategori.get("Kendala teknis SPSE") or KategoriFaq.objects.create(nama="Kendala teknis SPSE")
    for kat, judul, isi in [
        (akun, "Lupa kata sandi SPSE", "Gunakan menu Lupa Kata Sandi di halaman masuk SPSE. Tautan berlaku 1 jam."),
        (akun, "Syarat registrasi penyedia", "Bawa asli KTP direktur, akta pendirian, NPWP dan izin usaha (Pasal 13)."),
        (
            teknis,
            "Gagal mengunggah dokumen penawaran",
            "Pastikan Apendo versi terbaru dan ukuran berkas di bawah batas.",
        ),
        (
            teknis,
            "Sertifikat elektronik kedaluwarsa",
            "Ajukan pembaruan sertifikat ke LPSE paling lambat 7 hari kerja.",
        ),
    ]:
        ArtikelFaq.objects.get_or_create(judul=judul, defaults={"kategori": kat, "isi": isi, "terbit": True})
    base = {"jenis": "masalah", "jenis_pelapor": "penyedia", "urgensi": "sedang", "dampak": "sedang"}
    now = timezone.now()
    t1 = services.tiket_create(
        data={**base, "kategori": "teknis", "subjek": "Tidak dapat mengunggah penawaran", "urgensi": "tinggi",
              "deskripsi": "Galat saat unggah penawaran paket 77001234, batas pukul 15.00.", "kode_paket": "77001234"},
        pelapor=penyedia, at=now - timedelta(hours=3),
    )  # fmt: skip
    services.tiket_reply(tiket=t1, author=staf, body="Sedang kami periksa bersama Admin Sistem.", public=True)
    t2 = services.tiket_create(
        data={**base, "kategori": "registrasi", "subjek": "Lupa kata sandi", "deskripsi": "Email reset tidak masuk."},
        pelapor=penyedia, at=now - timedelta(days=2),
    )  # fmt: skip
    services.tiket_reply(tiket=t2, author=staf, body="Mohon kirim NPWP perusahaan.", public=True, set_status="menunggu")
    t3 = services.tiket_create(
        data={**base, "kategori": "konsultasi", "subjek": "Metode pengadaan langsung", "deskripsi": "Batas nilai?"},
        pelapor=penyedia, at=now - timedelta(days=5),
    )  # fmt: skip
    services.tiket_reply(
        tiket=t3, author=staf, body="Lihat artikel FAQ terkait.", public=True, set_status=Status.SELESAI
    )
    t4 = services.tiket_create(
        data={**base, "kategori": "teknis", "subjek": "Berkas penawaran tidak dapat didekripsi",
              "deskripsi": "Pokja tidak dapat membuka penawaran CV Sinar Karo.", "jenis_pelapor": "pokja"},
        pelapor=penyedia, at=now - timedelta(days=1),
    )  # fmt: skip
    services.eskalasi_create(
        tiket=t4, level="helpdesk", uraian="Mohon bantuan dekripsi.", dikirim=now - timedelta(hours=20),
        nomor_referensi="LKPP-DEMO-001", user=staf,
    )  # fmt: skip


def seed_volume(*, stdout, small: bool = False) -> None:
    """500,000 tickets with 2,000,000 replies (small: 50 / 200), inserted
    with INSERT … SELECT generate_series on PostgreSQL (a minute or two on two
    cores), bulk_create elsewhere. Idempotent by count. Deadlines are plain
    offsets from the opening time: right enough for sorting and colours."""
    from .models import Tiket

    n_tiket, per_tiket = (50, 4) if small else (500_000, 4)
    have = Tiket.objects.filter(email__endswith="@" + VOLUME_DOMAIN).count()
    if have >= n_tiket:
        stdout.write(f"Layanan: {have} tiket volume sudah ada.")
        return
    if connection.vendor == "postgresql":
        _volume_sql(start=have, n=n_tiket - have, per_tiket=per_tiket)
    else:
        _volume_orm(start=have, n=n_tiket - have, per_tiket=per_tiket)
    stdout.write(f"Layanan: {n_tiket} tiket, {n_tiket * per_tiket} balasan.")


_SUBJECT_ARRAY = "ARRAY[" + ",".join("'" + s.replace("'", "''") + "'" for s in SUBJECTS) + "]"
_KATEGORI_ARRAY = "ARRAY[" + ",".join(f"'{k}'" for k in KATEGORI) + "]"


def _volume_sql(*, start: int, n: int, per_tiket: int) -> None:
    # Status mix: 1 in 40 tickets still open (baru/ditangani/menunggu), the rest solved or closed.
    tiket_sql = f"""
    INSERT INTO layanan_tiket (
        token, kanal, jenis, kategori, jenis_pelapor, urgensi, dampak, prioritas, subjek, deskripsi, kode_paket,
        nama, email, telepon, instansi, status, dibuat, diubah, respons_pertama, diselesaikan, ditutup,
        respons_batas, respons_waspada, selesai_batas, selesai_waspada, sla_berikut, sla_berikut_waspada,
        jeda_detik, sla_notif, komentar_nilai, nilai
    )
    SELECT
        'vol-' || g || '-' || md5(g::text),
        (ARRAY['web','web','web','telepon','email','kunjungan','surat'])[1 + g %% 7],
        (ARRAY['gangguan','masalah','permintaan'])[1 + g %% 3],
        ({_KATEGORI_ARRAY})[1 + g %% 6],
        (ARRAY['pokja','penyedia','ppk','auditor','publik'])[1 + g %% 5],
        (ARRAY['tinggi','sedang','rendah'])[1 + g %% 3],
        (ARRAY['tinggi','sedang','rendah'])[1 + (g / 3) %% 3],
        1 + g %% 4,
        ({_SUBJECT_ARRAY})[1 + g %% {len(SUBJECTS)}] || ' #' || g,
        'Uraian masalah nomor ' || g || '. Mohon bantuan LPSE untuk menindaklanjuti.',
        CASE WHEN g %% 3 = 0 THEN (77000000 + g %% 90000)::text ELSE '' END,
        'Pelapor Volume ' || g,
        'pelapor' || g || '@{VOLUME_DOMAIN}',
        '0628' || lpad((g %% 1000000)::text, 6, '0'),
        'Instansi ' || (g %% 300),
        CASE WHEN g %% 40 = 0 THEN 'baru' WHEN g %% 40 = 1 THEN 'ditangani' WHEN g %% 40 = 2 THEN 'menunggu'
             WHEN g %% 40 = 3 THEN 'selesai' ELSE 'ditutup' END,
        d, d,
        CASE WHEN g %% 40 = 0 THEN NULL ELSE d + interval '1 hour' END,
        CASE WHEN g %% 40 >= 3 THEN d + interval '1 day' END,
        CASE WHEN g %% 40 >= 4 THEN d + interval '2 days' END,
        d + interval '4 hours', d + interval '3 hours', d + interval '2 days', d + interval '36 hours',
        CASE WHEN g %% 40 = 0 THEN d + interval '4 hours' WHEN g %% 40 = 1 THEN d + interval '2 days' END,
        CASE WHEN g %% 40 = 0 THEN d + interval '3 hours' WHEN g %% 40 = 1 THEN d + interval '36 hours' END,
        0, 0, '',
        CASE WHEN g %% 40 >= 4 AND g %% 3 = 0 THEN 1 + g %% 5 END
    FROM (
        SELECT g, now() - ((%(total)s - g) * interval '1 minute') AS d
        FROM generate_series(%(start)s + 1, %(start)s + %(n)s) AS g
    ) s
    """  # noqa: S608 - only module constants are formatted in; values go as parameters
    reply_sql = f"""
    INSERT INTO layanan_tiketbalasan (tiket_id, penulis_id, nama_penulis, dari_staf, publik, isi, dibuat)
    SELECT t.id, NULL,
           CASE WHEN k %% 2 = 1 THEN 'Petugas Helpdesk' ELSE t.nama END,
           k %% 2 = 1, k <> 3,
           'Balasan ke-' || k || ' untuk tiket ini. Mohon dicoba kembali dan kabari kami hasilnya.',
           t.dibuat + k * interval '30 minutes'
    FROM layanan_tiket t CROSS JOIN generate_series(1, {per_tiket}) AS k
    WHERE t.email LIKE %(pattern)s AND t.id > %(after)s
    """  # noqa: S608 - as above
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM layanan_tiket")
        after = cur.fetchone()[0]
        cur.execute(tiket_sql, {"start": start, "n": n, "total": start + n})
        cur.execute(reply_sql, {"pattern": "%@" + VOLUME_DOMAIN, "after": after})
    with connection.cursor() as cur:
        cur.execute("ANALYZE layanan_tiket")
        cur.execute("ANALYZE layanan_tiketbalasan")


def _volume_orm(*, start: int, n: int, per_tiket: int, batch: int = 2000) -> None:
    from .models import Status, Tiket, TiketBalasan

    now = timezone.now()
    statuses = [Status.BARU, Status.DITANGANI, Status.MENUNGGU, Status.SELESAI] + [Status.DITUTUP] * 36
    for lo in range(start, start + n, batch):
        rows = []
        for g in range(lo + 1, min(lo + batch, start + n) + 1):
            d = now - timedelta(minutes=start + n - g)
            status = statuses[g % 40]
            ticking = status in (Status.BARU, Status.DITANGANI)
            rows.append(
                Tiket(
                    token=f"vol-{g}-{g * 7919}",
                    kategori=KATEGORI[g % 6],
                    jenis_pelapor="penyedia",
                    prioritas=1 + g % 4,
                    subjek=f"{SUBJECTS[g % len(SUBJECTS)]} #{g}",
                    deskripsi=f"Uraian masalah nomor {g}.",
                    nama=f"Pelapor Volume {g}",
                    email=f"pelapor{g}@{VOLUME_DOMAIN}",
                    status=status,
                    dibuat=d,
                    respons_batas=d + timedelta(hours=4),
                    selesai_batas=d + timedelta(days=2),
                    sla_berikut=d + timedelta(hours=4) if ticking else None,
                    sla_berikut_waspada=d + timedelta(hours=3) if ticking else None,
                )
            )
        created = Tiket.objects.bulk_create(rows)
        TiketBalasan.objects.bulk_create(
            [
                TiketBalasan(
                    tiket=t,
                    nama_penulis="Petugas Helpdesk" if k % 2 else t.nama,
                    dari_staf=bool(k % 2),
                    publik=k != 3,
                    isi=f"Balasan ke-{k}.",
                    dibuat=t.dibuat + timedelta(minutes=30 * k),
                )
                for t in created
                for k in range(1, per_tiket + 1)
            ],
            batch_size=batch,
        )


def _detail_path() -> str:
    from .models import Tiket

    pk = (
        Tiket.objects.filter(status="ditangani", email__endswith="@" + VOLUME_DOMAIN)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return f"/staf/layanan/tiket/{pk}/"


# Issue 4's budget: p95 under 150 ms at 4 users with 500,000 tickets (no throughput ratio).
BENCH_PAGES = [
    {
        "name": "layanan: antrian tiket halaman 1",
        "path": "/staf/layanan/",
        "role": roles.LAYANAN,
    },
    {
        "name": "layanan: antrian disaring (ditutup, kendala teknis)",
        "path": "/staf/layanan/?status=ditutup&kategori=teknis",
        "role": roles.LAYANAN,
    },
    {
        "name": "layanan: cari tiket (teks)",
        "path": "/staf/layanan/?q=sertifikat",
        "role": roles.LAYANAN,
    },
    {"name": "layanan: detail tiket", "path": _detail_path, "role": roles.LAYANAN},
    # What outsiders open most (issue 14): the ticket form and the FAQ search.
    {"name": "publik: formulir tiket", "path": "/layanan/tiket/baru/", "role": None},
    {"name": "publik: cari FAQ", "path": "/layanan/faq/?q=sertifikat", "role": None},
]
