"""Demo and volume data of Bidang Registrasi dan Verifikasi."""

import io
import secrets
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from stdnum import luhn

from lpse import roles
from lpse.demo import demo_email
from lpse.models import User
from lpse.workcal import add_working_days

from . import services
from .models import BerkasPendaftaran, JenisDokumen, Pendaftaran, SlotVerifikasi

DEMO_DOMAIN = "@demo-pendaftar.lpse.id"
VOLUME_DOMAIN = "@volume.lpse.id"


def _npwp15(n: int) -> str:
    base = f"02{n % 1_000_000:06d}"
    return base + luhn.calc_check_digit(base) + "112000"


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _submit(n: int, nama: str, bentuk: str, email: str | None = None) -> Pendaftaran:
    data = {
        "nama_badan_usaha": nama,
        "bentuk_usaha": bentuk,
        "npwp": "0" + _npwp15(n),
        "nib": f"{8120000000000 + n}",
        "alamat": f"Jl. Kapten Selamat Ketaren No. {n}",
        "provinsi": "Sumatera Utara",
        "kabupaten_kota": "Kabupaten Karo",
        "kode_pos": "22152",
        "telepon": "0628-20100",
        "email": email or f"pendaftar{n}{DEMO_DOMAIN}",
        "pj_nama": f"Direktur Demo {n}",
        "pj_nik": f"12060117084500{n:02d}",
        "pj_jabatan": "Direktur",
        "kontak_nama": f"Staf Tender {n}",
        "kontak_telepon": "081260001000",
        "user_id_diminta": f"demo{n}",
    }
    pdf = _pdf()
    files = {
        jenis: (SimpleUploadedFile(f"{jenis}.pdf", pdf, content_type="application/pdf"), "pdf")
        for jenis in (JenisDokumen.KTP, JenisDokumen.AKTA_PENDIRIAN, JenisDokumen.NPWP, JenisDokumen.IZIN_USAHA)
    }
    return services.pendaftaran_submit(jenis=Pendaftaran.Jenis.PENYEDIA, data=data, files=files)


def seed_demo() -> None:
    """Five applications, one per state, and a week of verification slots (idempotent)."""
    if Pendaftaran.objects.filter(email__endswith=DEMO_DOMAIN).exists():
        return
    verifier = User.objects.filter(email=demo_email(roles.REGISTRASI)).first()
    with transaction.atomic():
        _submit(1, "CV Menunggu Konfirmasi", "cv")
        for n, nama, bentuk in ((2, "CV Tanah Karo Jaya", "cv"), (3, "PT Sibayak Konstruksi", "pt")):
            services.pendaftaran_confirm_email(pendaftaran=_submit(n, nama, bentuk))
        returned = services.pendaftaran_confirm_email(
            pendaftaran=_submit(4, "UD Berastagi Makmur", "perusahaan_perorangan")
        )
        # The demo Penyedia account is the approved one, so its Layanan Akun page has data.
        approved = services.pendaftaran_confirm_email(
            pendaftaran=_submit(5, "Koperasi Tani Simpang Empat", "koperasi", email=demo_email(roles.PENYEDIA))
        )
        _submit_pejabat()
        start = add_working_days(timezone.now(), 1).replace(hour=9, minute=0, second=0, microsecond=0)
        for day in range(5):
            mulai = add_working_days(start, day) if day else start  # working days only, like the booking form
            SlotVerifikasi.objects.create(mulai=mulai, selesai=mulai + timedelta(hours=2), kapasitas=4)
    if verifier is None:
        return
    for p in (returned, approved):
        services.pendaftaran_claim(pendaftaran=p, verifier=verifier)
        p.refresh_from_db()
    services.berkas_check(
        pendaftaran=returned,
        verifier=verifier,
        results={
            b.pk: ("tidak_sesuai", "Salinan KTP terpotong") if b.jenis == "ktp" else ("sesuai", "")
            for b in returned.berkas.all()
        },
    )
    services.pendaftaran_reject(
        pendaftaran=returned,
        verifier=verifier,
        alasan=["salinan_tidak_sesuai"],
        catatan="Unggah ulang KTP direktur yang utuh.",
        perbaikan_dokumen=["ktp"],
        perbaikan_field=[],
    )
    services.berkas_check(
        pendaftaran=approved, verifier=verifier, results={b.pk: ("sesuai", "") for b in approved.berkas.all()}
    )
    services.pendaftaran_approve(pendaftaran=approved, verifier=verifier, user_id_spse="koptanisimpang")
    approved.refresh_from_db()
    ppk = User.objects.filter(email=demo_email(roles.PPK)).first()
    if ppk is not None:
        services.penonaktifan_submit(
            pendaftaran=approved,
            user=ppk,
            jenis="nonaktif",
            sumber="permintaan",
            data={
                "nomor_surat": "027/15/PPK-PUPR/2026",
                "tanggal_surat": timezone.localdate(),
                "lama_sanksi": "1 tahun",
                "alasan": "Wanprestasi pada paket pemeliharaan jalan; SK daftar hitam terlampir.",
            },
            bukti=(SimpleUploadedFile("sk-daftar-hitam.pdf", _pdf(), content_type="application/pdf"), "pdf"),
        )


def _submit_pejabat() -> Pendaftaran:
    from lpse.models import Instansi

    instansi = Instansi.objects.filter(aktif=True).order_by("id").first() or Instansi.objects.create(
        nama="Dinas Pekerjaan Umum dan Penataan Ruang (demo)"
    )
    data = {
        "peran": "PPK",
        "pj_nama": "Ir. Rudi Sembiring",
        "pj_nik": "1206011708450077",
        "nip": "198001012005011001",
        "instansi": instansi,
        "pj_jabatan": "Kepala Seksi Jalan",
        "nomor_sk": "800/120/PUPR/2026",
        "masa_berlaku_sampai": timezone.localdate() + timedelta(days=20),
        "alamat": "Jl. Jamin Ginting, Kabanjahe",
        "provinsi": "Sumatera Utara",
        "kabupaten_kota": "Kabupaten Karo",
        "telepon": "0628-21000",
        "email": f"ppk.pupr{DEMO_DOMAIN}",
        "user_id_diminta": "rudi.ppk",
    }
    files = {JenisDokumen.SURAT_TUGAS: (SimpleUploadedFile("sk.pdf", _pdf(), content_type="application/pdf"), "pdf")}
    p = services.pendaftaran_submit(jenis=Pendaftaran.Jenis.PEJABAT, data=data, files=files)
    return services.pendaftaran_confirm_email(pendaftaran=p)


def seed_volume(*, stdout, small: bool = False) -> None:
    """100,000 applications (50 when small) with four document rows each, by bulk_create.

    Document rows point at one shared name: the volume is for the queue's
    queries, not the files.
    """
    total = 50 if small else 100_000
    have = Pendaftaran.objects.filter(email__endswith=VOLUME_DOMAIN).count()
    now = timezone.now()
    statuses = ["disetujui"] * 13 + ["diajukan"] * 4 + ["dikembalikan"] * 2 + ["menunggu_konfirmasi"]
    bentuk = ["cv", "pt", "koperasi", "firma", "perusahaan_perorangan", "perorangan"]
    batch = 5000
    for start in range(have, total, batch):
        rows = []
        for i in range(start, min(start + batch, total)):
            status = statuses[i % len(statuses)]
            diajukan = now - timedelta(minutes=17 * i)
            confirmed = status != "menunggu_konfirmasi"
            rows.append(
                Pendaftaran(
                    jenis="penyedia",
                    status=status,
                    nomor=f"REG-V-{i:07d}" if confirmed else None,
                    token=secrets.token_urlsafe(32),
                    token_konfirmasi=secrets.token_urlsafe(32),
                    nama_badan_usaha=f"{bentuk[i % 6].upper()} Volume {i}",
                    bentuk_usaha=bentuk[i % 6],
                    npwp=f"09{i:014d}",
                    nib=f"{7000000000000 + i}",
                    alamat="Jl. Volume",
                    provinsi="Sumatera Utara",
                    kabupaten_kota="Kabupaten Karo",
                    telepon="0628-1",
                    email=f"vendor{i}{VOLUME_DOMAIN}",
                    pj_nama=f"Penanggung Jawab {i}",
                    pj_nik=f"1206011708{i % 1_000_000:06d}",
                    pj_jabatan="Direktur",
                    kontak_nama="Kontak",
                    user_id_diminta=f"vol{i}",
                    user_id_spse=f"vol{i}" if status == "disetujui" else "",
                    diajukan=diajukan if confirmed else None,
                    email_dikonfirmasi=diajukan if confirmed else None,
                    batas_sla=diajukan + timedelta(days=4) if confirmed else None,
                )
            )
        created = Pendaftaran.objects.bulk_create(rows, batch_size=batch)
        berkas = [
            BerkasPendaftaran(
                pendaftaran=p,
                jenis=jenis,
                berkas="registrasi/volume/contoh.pdf",
                nama_asli=f"{jenis}.pdf",
                ukuran=123_456,
                tipe="pdf",
                diunggah=now,
                hasil="sesuai" if p.status == "disetujui" else "",
            )
            for p in created
            for jenis in ("ktp", "akta_pendirian", "npwp", "izin_usaha")
        ]
        BerkasPendaftaran.objects.bulk_create(berkas, batch_size=batch)
    stdout.write(f"Registrasi: {total} pendaftaran dengan metadata dokumen.")


def _status_path() -> str:
    token = (
        Pendaftaran.objects.filter(email__endswith=VOLUME_DOMAIN, status="diajukan")
        .order_by("id")
        .values_list("token", flat=True)
        .first()
    )
    return f"/registrasi/status/{token}/"


# Issue 3's budget: p95 under 150 ms at 4 users with 100,000 registrations (no throughput ratio).
BENCH_PAGES = [
    {
        "name": "Registrasi: antrian verifikasi halaman 1",
        "path": "/staf/registrasi/",
        "role": roles.REGISTRASI,
    },
    {
        "name": "Registrasi: antrian disaring dan dicari",
        "path": "/staf/registrasi/?status=diajukan&bentuk_usaha=cv&q=Volume+36",
        "role": roles.REGISTRASI,
    },
    {
        "name": "Registrasi: halaman status pemohon (publik)",
        "path": _status_path,
        "role": None,
    },
    {"name": "Registrasi: formulir pendaftaran (publik)", "path": "/registrasi/", "role": None},
]
