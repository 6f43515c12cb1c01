"""Applicants, documents and files for the registrasi tests."""

import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from stdnum import luhn

from lpse import workcal
from lpse.workcal import add_working_days
from registrasi.models import BerkasPendaftaran, JenisDokumen, Pendaftaran, SlotVerifikasi

_seq = itertools.count(1)


def npwp15(n: int | None = None) -> str:
    """A valid 15-digit NPWP (Luhn check digit over the first 8 digits)."""
    n = next(_seq) if n is None else n
    base = f"01{n % 1_000_000:06d}"
    return base + luhn.calc_check_digit(base) + "091000"


def nik(n: int | None = None) -> str:
    n = next(_seq) if n is None else n
    return f"317101170845{n % 10000:04d}"


def nib(n: int | None = None) -> str:
    n = next(_seq) if n is None else n
    return f"{9120000000000 + n}"


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "PNG")
    return buf.getvalue()


def pdf_upload(name: str = "dokumen.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else pdf_bytes(), content_type="application/pdf")


def penyedia_data(**overrides) -> dict:
    """POST data of a valid vendor registration (without files)."""
    n = next(_seq)
    data = {
        "nama_badan_usaha": f"CV Maju Karo {n}",
        "bentuk_usaha": "cv",
        "npwp": npwp15(n),
        "nib": nib(n),
        "alamat": "Jl. Veteran No. 10",
        "provinsi": "Sumatera Utara",
        "kabupaten_kota": "Kabupaten Karo",
        "kode_pos": "22111",
        "telepon": "0628-20001",
        "email": f"vendor{n}@contoh.co.id",
        "pj_nama": "Joni Tarigan",
        "pj_nik": nik(n),
        "pj_jabatan": "Direktur",
        "kontak_nama": "Rina Sembiring",
        "kontak_telepon": "081260000000",
        "user_id_diminta": f"majukaro{n}",
    }
    data.update(overrides)
    return data


def penyedia_files(**overrides) -> dict:
    files = {
        "berkas_ktp": pdf_upload("ktp.pdf"),
        "berkas_akta_pendirian": pdf_upload("akta.pdf"),
        "berkas_npwp": SimpleUploadedFile("npwp.png", png_bytes(), content_type="image/png"),
        "berkas_izin_usaha": pdf_upload("izin.pdf"),
    }
    files.update(overrides)
    return {k: v for k, v in files.items() if v is not None}


def make_pendaftaran(
    *, status=Pendaftaran.Status.DIAJUKAN, jenis=Pendaftaran.Jenis.PENYEDIA, with_files=True, **fields
):
    """A registration that has confirmed its email (unless told otherwise), with its documents."""
    n = next(_seq)
    now = fields.pop("diajukan", timezone.now())
    values = {
        "jenis": jenis,
        "status": status,
        "alamat": "Jl. Veteran No. 10",
        "provinsi": "Sumatera Utara",
        "kabupaten_kota": "Kabupaten Karo",
        "telepon": "0628-20001",
        "email": f"pemohon{n}@contoh.co.id",
        "pj_nama": f"Pemohon {n}",
        "pj_nik": nik(n),
        "pj_jabatan": "Direktur",
        "user_id_diminta": f"pemohon{n}",
    }
    if jenis == Pendaftaran.Jenis.PENYEDIA:
        values.update(
            nama_badan_usaha=f"CV Contoh {n}", bentuk_usaha="cv", npwp="0" + npwp15(n), nib=nib(n), kontak_nama="Rina"
        )
    if status != Pendaftaran.Status.MENUNGGU_KONFIRMASI:
        values.update(
            nomor=f"REG-UJI-{n:06d}", diajukan=now, email_dikonfirmasi=now, batas_sla=add_working_days(now, 3)
        )
    values.update(fields)
    p = Pendaftaran.objects.create(**values)
    if with_files:
        kinds = (
            [JenisDokumen.KTP, JenisDokumen.AKTA_PENDIRIAN, JenisDokumen.NPWP, JenisDokumen.IZIN_USAHA]
            if jenis == Pendaftaran.Jenis.PENYEDIA
            else [JenisDokumen.SURAT_TUGAS]
        )
        data = pdf_bytes()
        for kind in kinds:
            b = BerkasPendaftaran(pendaftaran=p, jenis=kind, nama_asli=f"{kind}.pdf", ukuran=len(data), tipe="pdf")
            b.berkas.save(f"{kind}.pdf", ContentFile(data), save=False)
            b.save()
    return p


def make_slot(*, kapasitas=2, days=2, terisi=0) -> SlotVerifikasi:
    """A one-hour slot at 09.00 ``days`` working days ahead (or ``days`` calendar days ago)."""
    start = timezone.now() + timedelta(days=days)
    if days > 0:
        start = timezone.localtime(timezone.now()).replace(hour=9, minute=0, second=0, microsecond=0)
        while days:
            start += timedelta(days=1)
            days -= workcal.is_working_day(start.date())
    return SlotVerifikasi.objects.create(
        mulai=start, selesai=start + timedelta(hours=1), kapasitas=kapasitas, terisi=terisi
    )
