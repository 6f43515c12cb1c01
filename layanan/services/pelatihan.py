"""Trainings: sessions, registration, attendance, certificates, evaluations (Pasal 11 ayat 4 huruf b)."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lpse.mail import queue_email

from ..models import (
    EvaluasiPelatihan,
    Pelatihan,
    PesertaPelatihan,
)
from .ruang import _fmt, pemesanan_create


def _peserta_link(peserta: PesertaPelatihan) -> str:
    return settings.SITE_URL.rstrip("/") + peserta.get_absolute_url()


@transaction.atomic
def pelatihan_save(*, pelatihan: Pelatihan, user) -> Pelatihan:
    """Save a session; a new one held in an LPSE room books that room too,
    so the training room cannot be given away twice (Pasal 14 huruf a)."""
    new = pelatihan.pk is None
    if new:
        pelatihan.dibuat_oleh = user
    pelatihan.full_clean()
    pelatihan.save()
    if new and pelatihan.ruang_id:
        pemesanan_create(
            ruang=pelatihan.ruang,
            pemesan=user,
            mulai=pelatihan.mulai,
            selesai=pelatihan.selesai,
            keperluan=f"Pelatihan: {pelatihan.topik}"[:200],
            peserta=min(pelatihan.kapasitas, pelatihan.ruang.kapasitas),
        )
    return pelatihan


@transaction.atomic
def peserta_register(*, pelatihan: Pelatihan, data: dict, at: datetime | None = None) -> PesertaPelatihan:
    """Sign up: a seat while there are seats, else the waiting list.

    The training row is locked (SELECT … FOR UPDATE) while the seats are
    counted, so simultaneous sign-ups cannot overfill it.
    """
    at = at or timezone.now()
    pelatihan = Pelatihan.objects.select_for_update().get(pk=pelatihan.pk)
    if not pelatihan.terbit or pelatihan.mulai <= at:
        raise ValidationError("Pendaftaran pelatihan ini sudah ditutup.")
    email = data["email"].strip().lower()
    aktif = pelatihan.peserta.exclude(status=PesertaPelatihan.Status.BATAL)
    if aktif.filter(email__iexact=email).exists():
        raise ValidationError("Email ini sudah terdaftar pada pelatihan tersebut; lihat email konfirmasi Anda.")
    terisi = aktif.filter(status=PesertaPelatihan.Status.TERDAFTAR).count()
    status = PesertaPelatihan.Status.TERDAFTAR if terisi < pelatihan.kapasitas else PesertaPelatihan.Status.CADANGAN
    peserta = PesertaPelatihan(pelatihan=pelatihan, status=status, **{**data, "email": email})
    peserta.full_clean()
    peserta.save()
    kabar = (
        "Anda terdaftar sebagai peserta."
        if status == PesertaPelatihan.Status.TERDAFTAR
        else "Kuota penuh; Anda masuk daftar tunggu dan akan dikabari bila ada kursi kosong."
    )
    queue_email(
        subject=f"[LPSE] Pendaftaran pelatihan: {pelatihan.topik}",
        body=(
            f"Yth. {peserta.nama},\n\n{kabar}\nPelatihan: {pelatihan.topik}\nWaktu: {_fmt(pelatihan.mulai)} WIB\n"
            f"Tempat: {pelatihan.ruang or 'akan diumumkan'}\n\n"
            f"Lihat atau batalkan pendaftaran Anda: {_peserta_link(peserta)}\n"
        ),
        recipients=[peserta.email],
    )
    return peserta


@transaction.atomic
def peserta_cancel(*, peserta: PesertaPelatihan, at: datetime | None = None) -> PesertaPelatihan:
    """Cancel through the private link; the first on the waiting list gets the seat."""
    at = at or timezone.now()
    pelatihan = Pelatihan.objects.select_for_update().get(pk=peserta.pelatihan_id)
    peserta = PesertaPelatihan.objects.get(pk=peserta.pk)
    if peserta.status == PesertaPelatihan.Status.BATAL:
        raise ValidationError("Pendaftaran ini sudah dibatalkan.")
    if pelatihan.mulai <= at:
        raise ValidationError("Pelatihan sudah dimulai; pendaftaran tidak dapat dibatalkan lagi.")
    had_seat = peserta.status == PesertaPelatihan.Status.TERDAFTAR
    peserta.status = PesertaPelatihan.Status.BATAL
    peserta.save(update_fields=["status"])
    if had_seat:
        nxt = pelatihan.peserta.filter(status=PesertaPelatihan.Status.CADANGAN).order_by("dibuat", "id").first()
        if nxt:
            nxt.status = PesertaPelatihan.Status.TERDAFTAR
            nxt.save(update_fields=["status"])
            queue_email(
                subject=f"[LPSE] Anda mendapat kursi: {pelatihan.topik}",
                body=f"Yth. {nxt.nama},\n\nAda kursi kosong; Anda kini terdaftar.\n{_peserta_link(nxt)}\n",
                recipients=[nxt.email],
            )
    return peserta


@transaction.atomic
def pelatihan_record_attendance(*, pelatihan: Pelatihan, hadir_ids: set[int], user) -> int:
    """Staff take attendance; only registered participants can be present."""
    peserta = pelatihan.peserta.filter(status=PesertaPelatihan.Status.TERDAFTAR)
    peserta.exclude(pk__in=hadir_ids).filter(sertifikat__isnull=True).update(hadir=False)
    return peserta.filter(pk__in=hadir_ids).update(hadir=True)


def _kepala_bidang_layanan():
    """The Kepala Bidang who signs training certificates (issue 12)."""
    from lpse import roles
    from lpse.models import User

    return User.objects.filter(is_active=True, groups__name=roles.KABID_LAYANAN).order_by("pk").first()


def sertifikat_issue(*, peserta: PesertaPelatihan, user=None) -> PesertaPelatihan:
    """A numbered, QR-verifiable certificate for a participant who attended."""
    from lpse.documents import dokumen_issue

    if not peserta.hadir or peserta.status != PesertaPelatihan.Status.TERDAFTAR:
        raise ValidationError("Sertifikat hanya untuk peserta yang hadir.")
    if peserta.pelatihan.selesai > timezone.now():
        # Pasal 11(4)b: a certificate attests a training that took place (issue 12).
        raise ValidationError("Sertifikat baru dapat diterbitkan setelah pelatihan selesai.")
    if peserta.sertifikat_id:
        return peserta
    pelatihan = peserta.pelatihan
    kepala = _kepala_bidang_layanan()
    dokumen = dokumen_issue(
        kode="SERT-PLT",
        jenis="Sertifikat Pelatihan",
        perihal=f"Sertifikat {peserta.nama}: {pelatihan.topik}"[:255],
        template="layanan/sertifikat_pdf.html",
        context={"peserta": peserta, "pelatihan": pelatihan, "kepala_bidang": kepala},
        user=user,
        penandatangan=[(kepala, "Kepala Bidang Layanan dan Dukungan")] if kepala else None,
        kunci=f"sertifikat-pelatihan/{peserta.pk}",  # a task run twice issues one certificate
    )
    PesertaPelatihan.objects.filter(pk=peserta.pk, sertifikat__isnull=True).update(sertifikat=dokumen)
    peserta.refresh_from_db()
    return peserta


@transaction.atomic
def evaluasi_submit(*, peserta: PesertaPelatihan, data: dict, at: datetime | None = None) -> EvaluasiPelatihan:
    """The evaluation after the training (feeds Pasal 24 ayat 1 huruf d)."""
    at = at or timezone.now()
    if at < peserta.pelatihan.selesai:
        raise ValidationError("Evaluasi dapat diisi setelah pelatihan selesai.")
    if not peserta.hadir:
        raise ValidationError("Evaluasi hanya untuk peserta yang hadir.")
    if EvaluasiPelatihan.objects.filter(peserta=peserta).exists():
        raise ValidationError("Anda sudah mengisi evaluasi pelatihan ini. Terima kasih.")
    evaluasi = EvaluasiPelatihan(peserta=peserta, **data)
    evaluasi.full_clean()
    evaluasi.save()
    return evaluasi
