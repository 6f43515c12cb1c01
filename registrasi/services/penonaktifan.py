"""Deactivation of an SPSE account (Pasal 10 ayat 5)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lpse.mail import queue_email

from ..models import (
    Pendaftaran,
    Penonaktifan,
)
from .pendaftaran import Status, _stored_files


def penonaktifan_submit(
    *, pendaftaran: Pendaftaran, user, jenis: str, sumber: str, data: dict, bukti: tuple | None
) -> Penonaktifan:
    """Open a deactivation (or reactivation) request of an approved vendor's User ID (Pasal 10(5)).

    A request from PA/KPA, PPK or ULP carries their letter or blacklist SK as evidence.
    """
    if pendaftaran.status != Status.DISETUJUI or not pendaftaran.user_id_spse:
        raise ValidationError("Hanya User ID penyedia yang sudah disetujui yang dapat dinonaktifkan.")
    if jenis == Penonaktifan.Jenis.NONAKTIF and pendaftaran.user_id_nonaktif:
        raise ValidationError("User ID ini sudah nonaktif.")
    if jenis == Penonaktifan.Jenis.AKTIF_KEMBALI and not pendaftaran.user_id_nonaktif:
        raise ValidationError("User ID ini masih aktif.")
    if sumber == Penonaktifan.Sumber.PERMINTAAN and bukti is None:
        raise ValidationError({"bukti": "Lampirkan surat permintaan atau SK daftar hitam."})
    try:
        with _stored_files() as saved, transaction.atomic():
            item = Penonaktifan(pendaftaran=pendaftaran, jenis=jenis, sumber=sumber, diajukan_oleh=user, **data)
            if bukti is not None:
                upload, _kind = bukti
                item.bukti.save(upload.name or "bukti", upload, save=False)
                saved.append(item.bukti)
                item.bukti_nama = (upload.name or "bukti")[-255:]
            item.full_clean()
            item.save()
    except IntegrityError as exc:
        raise ValidationError("Sudah ada permintaan yang menunggu keputusan untuk User ID ini.") from exc
    return item


def penonaktifan_decide(
    *,
    penonaktifan: Penonaktifan,
    staff,
    setuju: bool,
    catatan: str,
    nomor_usulan_lkpp: str = "",
    tindakan_lkpp: str = "",
    berlaku_mulai=None,
    berlaku_sampai=None,
) -> Penonaktifan:
    """Decide a request (Pasal 10(5)); on approval the User ID's state changes from the effective date
    and the vendor is told by email."""
    with transaction.atomic():
        item = Penonaktifan.objects.select_for_update().select_related("pendaftaran").get(pk=penonaktifan.pk)
        if item.status != Penonaktifan.Status.DIAJUKAN:
            raise ValidationError("Permintaan ini sudah diputuskan.")
        if setuju:
            if berlaku_mulai is None:
                raise ValidationError({"berlaku_mulai": "Isi tanggal mulai berlaku."})
            if berlaku_mulai > timezone.localdate():
                raise ValidationError({"berlaku_mulai": "Catat tanggal berlaku setelah tindakan dilakukan di SPSE."})
        item.status = Penonaktifan.Status.DISETUJUI if setuju else Penonaktifan.Status.DITOLAK
        item.diputuskan_oleh, item.diputuskan_pada = staff, timezone.now()
        item.catatan_keputusan = catatan
        item.nomor_usulan_lkpp, item.tindakan_lkpp = nomor_usulan_lkpp, tindakan_lkpp
        item.berlaku_mulai, item.berlaku_sampai = berlaku_mulai, berlaku_sampai
        item.full_clean()
        item.save()
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=item.pendaftaran_id)
        if setuju:
            pendaftaran.user_id_nonaktif = item.jenis == Penonaktifan.Jenis.NONAKTIF
            pendaftaran.save(update_fields=["user_id_nonaktif"])
            sampai = f" sampai {berlaku_sampai:%d-%m-%Y}" if berlaku_sampai else ""
            queue_email(
                subject=f"{item.get_jenis_display()} {pendaftaran.user_id_spse}",
                body=(
                    f"Yth. {pendaftaran.nama},\n\n{item.get_jenis_display()} untuk User ID SPSE "
                    f"{pendaftaran.user_id_spse} berlaku mulai {berlaku_mulai:%d-%m-%Y}{sampai}.\n"
                    f"Dasar: {item.get_sumber_display()}, surat/SK {item.nomor_surat}.\n"
                    + (f"Catatan: {catatan}\n" if catatan else "")
                    + "\nHubungi LPSE bila ada pertanyaan (Perbup Karo 02/2017 Pasal 10 ayat 5)."
                ),
                recipients=[pendaftaran.email],
            )
    return item
