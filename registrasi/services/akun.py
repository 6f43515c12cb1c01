"""Account services after registration: requests, forgotten user ids, expiry reminders (Pasal 10)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lpse.documents import dokumen_issue
from lpse.mail import queue_email
from lpse.models import Dokumen

from ..models import (
    Pendaftaran,
    PermohonanAkun,
)
from .pendaftaran import Status, _stored_files

logger = logging.getLogger(__name__)


def permohonan_akun_submit(
    *, pendaftaran: Pendaftaran, pemohon, jenis: str, uraian: str, berlaku_sampai_baru=None, bukti: tuple | None
) -> PermohonanAkun:
    """Record a request about an existing account and give a numbered tanda terima (PDF after commit)."""
    if pendaftaran.status != Status.DISETUJUI:
        raise ValidationError("Layanan akun hanya untuk pendaftaran yang sudah disetujui.")
    if jenis in PermohonanAkun.BUTUH_BUKTI and bukti is None:
        raise ValidationError({"bukti": "Lampirkan dokumen yang menjadi dasar perubahan/perpanjangan."})
    with _stored_files() as saved, transaction.atomic():
        item = PermohonanAkun(
            pendaftaran=pendaftaran,
            pemohon=pemohon,
            jenis=jenis,
            uraian=uraian,
            berlaku_sampai_baru=berlaku_sampai_baru,
        )
        if bukti is not None:
            upload, _kind = bukti
            item.bukti.save(upload.name or "bukti", upload, save=False)
            saved.append(item.bukti)
            item.bukti_nama = (upload.name or "bukti")[-255:]
        item.full_clean()
        item.save()
    permohonan_akun_issue_receipt(permohonan=item)
    return item


def permohonan_akun_issue_receipt(*, permohonan: PermohonanAkun) -> Dokumen | None:
    """The tanda terima of a request; issued again by the download view if rendering failed."""
    if permohonan.tanda_terima_id:
        return permohonan.tanda_terima
    try:
        dokumen = dokumen_issue(
            kode="TTA",
            jenis="Tanda Terima Permohonan Layanan Akun SPSE",
            perihal=f"{permohonan.get_jenis_display()} {permohonan.pendaftaran.nomor}",
            template="registrasi/pdf/tanda_terima.html",
            context={"permohonan": permohonan, "pendaftaran": permohonan.pendaftaran},
            user=permohonan.pemohon,
            in_background=True,
        )
    except Exception:
        logger.exception("Tanda terima permohonan %s gagal dibuat", permohonan.pk)
        return None
    PermohonanAkun.objects.filter(pk=permohonan.pk).update(tanda_terima=dokumen)
    permohonan.tanda_terima = dokumen
    return dokumen


def pendaftaran_send_user_id(*, email: str) -> None:
    """Send the User ID to the registered address only; the page answers the same for any address."""
    pendaftaran = Pendaftaran.objects.filter(status=Status.DISETUJUI, email__iexact=email).first()
    if pendaftaran is None:
        return
    with transaction.atomic():
        PermohonanAkun.objects.create(
            pendaftaran=pendaftaran,
            jenis=PermohonanAkun.Jenis.LUPA_USER_ID,
            status=PermohonanAkun.Status.SELESAI,
            uraian="Permintaan melalui formulir Lupa User ID; dikirim otomatis ke email terdaftar.",
            diproses_pada=timezone.now(),
        )
        queue_email(
            subject="User ID SPSE Anda",
            body=(
                f"Yth. {pendaftaran.nama},\n\nUser ID SPSE untuk pendaftaran {pendaftaran.nomor}: "
                f"{pendaftaran.user_id_spse}\n\nBila Anda tidak meminta email ini, abaikan saja."
            ),
            recipients=[pendaftaran.email],
        )


def permohonan_akun_process(*, permohonan: PermohonanAkun, staff, selesai: bool, catatan: str) -> PermohonanAkun:
    """Close a request; a finished renewal moves the recorded expiry date and re-arms the reminder."""
    with transaction.atomic():
        item = PermohonanAkun.objects.select_for_update().get(pk=permohonan.pk)
        if item.status != PermohonanAkun.Status.DIAJUKAN:
            raise ValidationError("Permohonan ini sudah diproses.")
        if not selesai and not catatan.strip():
            raise ValidationError({"catatan": "Tulis alasan penolakan untuk pemohon."})
        item.status = PermohonanAkun.Status.SELESAI if selesai else PermohonanAkun.Status.DITOLAK
        item.diproses_oleh, item.diproses_pada, item.catatan = staff, timezone.now(), catatan
        item.save(update_fields=["status", "diproses_oleh", "diproses_pada", "catatan"])
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=item.pendaftaran_id)
        if selesai and item.jenis == PermohonanAkun.Jenis.PERPANJANGAN:
            field = "masa_berlaku_sampai" if pendaftaran.jenis == Pendaftaran.Jenis.PEJABAT else "izin_berlaku_sampai"
            setattr(pendaftaran, field, item.berlaku_sampai_baru)
            pendaftaran.pengingat_untuk = None
            pendaftaran.save(update_fields=[field, "pengingat_untuk"])
        queue_email(
            subject=f"Permohonan {item.get_jenis_display()}: {item.get_status_display()}",
            body=(
                f"Yth. {pendaftaran.nama},\n\nPermohonan {item.get_jenis_display().lower()} untuk "
                f"{pendaftaran.nomor} telah {item.get_status_display().lower()}."
                + (f"\nCatatan petugas: {catatan}" if catatan else "")
            ),
            recipients=[pendaftaran.email],
        )
    return item


def pendaftaran_send_expiry_reminders(*, today=None, days: int = 30) -> int:
    """Remind, once per expiry date, each approved user whose appointment or licence ends within ``days``."""
    from ..selectors import akan_kedaluwarsa

    today = today or timezone.localdate()
    sent = 0
    for pendaftaran in akan_kedaluwarsa(today=today, days=days).filter(berakhir__gte=today):
        if pendaftaran.pengingat_untuk == pendaftaran.berakhir:
            continue
        apa = "masa berlaku jabatan" if pendaftaran.jenis == Pendaftaran.Jenis.PEJABAT else "surat izin usaha"
        with transaction.atomic():
            queue_email(
                subject=f"Pengingat: {apa} berakhir {pendaftaran.berakhir:%d-%m-%Y}",
                body=(
                    f"Yth. {pendaftaran.nama},\n\n{apa.capitalize()} pada pendaftaran {pendaftaran.nomor} "
                    f"(User ID {pendaftaran.user_id_spse}) berakhir pada {pendaftaran.berakhir:%d-%m-%Y}. "
                    "Ajukan perpanjangan melalui menu Layanan Akun di portal dengan melampirkan dokumen yang baru."
                ),
                recipients=[pendaftaran.email],
            )
            Pendaftaran.objects.filter(pk=pendaftaran.pk).update(pengingat_untuk=pendaftaran.berakhir)
        sent += 1
    return sent
