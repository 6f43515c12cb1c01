"""Registration by the applicant: submission, email confirmation, status links, cancellation (Pasal 13)."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from lpse.mail import queue_email
from lpse.models import DocumentCounter
from lpse.workcal import add_working_days

from ..models import (
    DOKUMEN_PEJABAT_WAJIB,
    DOKUMEN_PENYEDIA_OPSIONAL,
    DOKUMEN_PENYEDIA_WAJIB,
    BerkasPendaftaran,
    JadwalVerifikasi,
    Pendaftaran,
    SlotVerifikasi,
)
from ..selectors import status_counts_changed

logger = logging.getLogger(__name__)
Status = Pendaftaran.Status

PESAN_DUPLIKAT = (
    "{apa} ini sudah dipakai pada pendaftaran yang masih berjalan atau sudah aktif. "
    "Lihat status pendaftaran itu melalui tautan status di email Anda, atau minta tautan dikirim ulang "
    "di halaman Cek Status Pendaftaran ({url}). Pendaftaran yang emailnya tidak dikonfirmasi batal "
    "otomatis setelah {hari} hari."
)


def dokumen_wajib(jenis: str) -> tuple[str, ...]:
    """The documents an application of this kind must carry: Pasal 13(1)a or 13(1)b, nothing more (13(3))."""
    return DOKUMEN_PENYEDIA_WAJIB if jenis == Pendaftaran.Jenis.PENYEDIA else DOKUMEN_PEJABAT_WAJIB


def dokumen_boleh(jenis: str) -> tuple[str, ...]:
    if jenis == Pendaftaran.Jenis.PENYEDIA:
        return DOKUMEN_PENYEDIA_WAJIB + DOKUMEN_PENYEDIA_OPSIONAL
    return DOKUMEN_PEJABAT_WAJIB


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def duplicate_message(apa: str) -> str:
    return PESAN_DUPLIKAT.format(
        apa=apa, url=_site(reverse("registrasi:cek-status")), hari=settings.REGISTRASI_KONFIRMASI_HARI
    )


def find_duplicates(*, email: str, npwp: str, exclude_pk: int | None = None) -> dict[str, str]:
    """Friendly duplicate check; the partial unique constraints make it true under concurrency."""
    active = Pendaftaran.objects.filter(status__in=Pendaftaran.AKTIF)
    if exclude_pk:
        active = active.exclude(pk=exclude_pk)
    errors = {}
    if email and active.filter(email__iexact=email).exists():
        errors["email"] = duplicate_message("Email")
    if npwp and active.filter(npwp=npwp).exists():
        errors["npwp"] = duplicate_message("NPWP")
    return errors


@contextmanager
def _stored_files() -> Iterator[list]:
    """Delete the files saved inside the block when the block fails.

    Django has no on-rollback hook; the service owns the transaction, so a
    failure inside it means its rows are gone and its files must go too.
    """
    saved: list = []
    try:
        yield saved
    except BaseException:
        for field_file in saved:
            try:
                field_file.storage.delete(field_file.name)
            except OSError:  # pragma: no cover - nothing more we can do
                logger.exception("Gagal menghapus berkas %s setelah rollback", field_file.name)
        raise


def _save_berkas(*, pendaftaran: Pendaftaran, jenis: str, upload, kind: str, saved: list) -> BerkasPendaftaran:
    berkas = BerkasPendaftaran(
        pendaftaran=pendaftaran,
        jenis=jenis,
        nama_asli=(upload.name or "berkas")[-255:],
        ukuran=upload.size,
        tipe=kind,
        putaran=pendaftaran.putaran,
    )
    berkas.berkas.save(upload.name or "berkas", upload, save=False)
    saved.append(berkas.berkas)
    berkas.full_clean()
    berkas.save()
    return berkas


def _integrity_to_validation(exc: IntegrityError) -> ValidationError:
    text = str(exc)
    if "pendaftaran_npwp_aktif_unik" in text:
        return ValidationError({"npwp": duplicate_message("NPWP")})
    if "pendaftaran_email_aktif_unik" in text:  # a race past the check: still no word of who registered
        return ValidationError("Pendaftaran tidak dapat disimpan; kirim ulang formulir sebentar lagi.")
    return ValidationError("Pendaftaran tidak dapat disimpan; periksa kembali isian Anda.")


def pendaftaran_submit(*, jenis: str, data: dict, files: dict, draf=None) -> Pendaftaran | None:
    """Save an application and its documents in one transaction, then ask the
    applicant to confirm their email.

    ``files`` maps a JenisDokumen value to ``(upload, kind)`` already checked
    by lpse.uploads; documents already in the application's ``draf`` (issue 13)
    count too, a file sent with the form replacing the draft's copy. Exactly the
    Pasal 13(1) documents are accepted (13(3)). On any failure no row and no
    new file remains, and the draft keeps its files; on success the draft goes.

    When an active application already holds the e-mail, nothing is saved and
    None is returned: the page answers as for a new application (it must not
    tell who has registered) and the address's owner gets a mail instead.
    """
    from .draf import draf_files

    kept = draf_files(draf)
    try:
        return _submit(jenis=jenis, data=data, files={**kept, **files}, draf=draf)
    finally:
        for handle, _kind in kept.values():
            handle.close()


def _submit(*, jenis: str, data: dict, files: dict, draf) -> Pendaftaran | None:
    from .draf import draf_discard

    missing = [j for j in dokumen_wajib(jenis) if j not in files]
    extra = [j for j in files if j not in dokumen_boleh(jenis)]
    if missing or extra:
        raise ValidationError("Dokumen tidak sesuai daftar Pasal 13 ayat (1).")
    if find_duplicates(email=data.get("email", ""), npwp=""):
        with transaction.atomic():
            _email_taken_notify(email=data["email"])
            if draf is not None:
                draf_discard(draf=draf)
        return None
    try:
        with _stored_files() as saved, transaction.atomic():
            pendaftaran = Pendaftaran(jenis=jenis, **data)
            pendaftaran.full_clean()
            pendaftaran.save()
            for doc_jenis, (upload, kind) in files.items():
                _save_berkas(pendaftaran=pendaftaran, jenis=doc_jenis, upload=upload, kind=kind, saved=saved)
            if draf is not None:
                draf_discard(draf=draf)
            status_counts_changed()
            link = _site(reverse("registrasi:konfirmasi", args=[pendaftaran.token_konfirmasi]))
            queue_email(
                subject="Konfirmasi email pendaftaran pengguna SPSE",
                body=(
                    f"Yth. {pendaftaran.pj_nama},\n\nTerima kasih telah mendaftar sebagai pengguna SPSE "
                    f"{_lpse_nama()}. Buka tautan berikut untuk mengonfirmasi email Anda:\n\n{link}\n\n"
                    "Setelah konfirmasi Anda menerima nomor pendaftaran dan tautan status pribadi."
                ),
                recipients=[pendaftaran.email],
            )
    except IntegrityError as exc:
        raise _integrity_to_validation(exc) from exc
    return pendaftaran


def _email_taken_notify(*, email: str) -> None:
    """Tell the owner of an address that someone registered again with it, with their own link."""
    pendaftaran = Pendaftaran.objects.filter(status__in=Pendaftaran.AKTIF, email__iexact=email).first()
    if pendaftaran is None:
        return
    if pendaftaran.status == Status.MENUNGGU_KONFIRMASI:
        link = _site(reverse("registrasi:konfirmasi", args=[pendaftaran.token_konfirmasi]))
    else:
        link = _status_link(pendaftaran)
    queue_email(
        subject="Pendaftaran baru memakai email Anda",
        body=(
            f"Yth. {pendaftaran.pj_nama},\n\nAda pendaftaran pengguna SPSE baru yang memakai alamat email ini, "
            f"padahal alamat ini sudah dipakai pada pendaftaran {pendaftaran.nomor or pendaftaran.nama}. "
            "Pendaftaran baru itu tidak disimpan.\n\nBila itu Anda, lanjutkan pendaftaran yang sudah ada melalui "
            f"tautan pribadi berikut (jangan dibagikan):\n{link}\n\nBila bukan Anda, abaikan email ini."
        ),
        recipients=[pendaftaran.email],
    )


def _lpse_nama() -> str:
    return settings.LPSE["NAMA"]


def _next_nomor(when) -> str:
    year = timezone.localtime(when).year
    DocumentCounter.objects.get_or_create(kode="REG", tahun=year)
    counter = DocumentCounter.objects.select_for_update().get(kode="REG", tahun=year)
    counter.terakhir += 1
    counter.save(update_fields=["terakhir"])
    return f"REG-{year}-{counter.terakhir:06d}"


def _status_link(pendaftaran: Pendaftaran) -> str:
    return _site(reverse("registrasi:status", args=[pendaftaran.token]))


def pendaftaran_confirm_email(*, pendaftaran: Pendaftaran) -> Pendaftaran:
    """Confirm the email: the application gets its number, enters the queue and its SLA clock starts."""
    with transaction.atomic():
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
        if pendaftaran.status != Status.MENUNGGU_KONFIRMASI:
            return pendaftaran
        now = timezone.now()
        pendaftaran.nomor = _next_nomor(now)
        pendaftaran.status = Status.DIAJUKAN
        pendaftaran.email_dikonfirmasi = now
        pendaftaran.diajukan = now
        pendaftaran.batas_sla = add_working_days(now, settings.REGISTRASI_SLA_HARI)
        pendaftaran.save(update_fields=["nomor", "status", "email_dikonfirmasi", "diajukan", "batas_sla"])
        status_counts_changed()
        queue_email(
            subject=f"Nomor pendaftaran {pendaftaran.nomor}",
            body=(
                f"Yth. {pendaftaran.pj_nama},\n\nEmail Anda telah dikonfirmasi. Nomor pendaftaran Anda: "
                f"{pendaftaran.nomor}.\n\nTautan status pribadi (jangan dibagikan):\n{_status_link(pendaftaran)}\n\n"
                "Di halaman status Anda dapat mengunduh Formulir Pendaftaran dan Formulir Keikutsertaan, "
                "memesan jadwal verifikasi, dan melihat hasil verifikasi."
            ),
            recipients=[pendaftaran.email],
        )
    return pendaftaran


def pendaftaran_send_link(*, email: str) -> None:
    """Send again the confirmation or status link to the address of an active application.

    The page answers the same whether or not the address is known, so it
    cannot be used to learn who has registered.
    """
    pendaftaran = Pendaftaran.objects.filter(status__in=Pendaftaran.AKTIF, email__iexact=email).first()
    if pendaftaran is None:
        return
    if pendaftaran.status == Status.MENUNGGU_KONFIRMASI:
        link = _site(reverse("registrasi:konfirmasi", args=[pendaftaran.token_konfirmasi]))
        body = f"Tautan konfirmasi email pendaftaran Anda:\n\n{link}"
    else:
        body = f"Tautan status pendaftaran {pendaftaran.nomor} (jangan dibagikan):\n\n{_status_link(pendaftaran)}"
    queue_email(subject="Tautan pendaftaran pengguna SPSE", body=body, recipients=[pendaftaran.email])


def pendaftaran_expire_unconfirmed(*, now=None) -> int:
    """Cancel applications whose email was not confirmed in time, freeing their NPWP and email."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=settings.REGISTRASI_KONFIRMASI_HARI)
    with transaction.atomic():
        expired = Pendaftaran.objects.filter(status=Status.MENUNGGU_KONFIRMASI, dibuat__lt=cutoff).update(
            status=Status.DIBATALKAN
        )
        status_counts_changed()
    return expired


def pendaftaran_cancel(*, pendaftaran: Pendaftaran, by, alasan: str) -> Pendaftaran:
    """Staff cancel an application that will not go on (e.g. the applicant withdrew); it stays archived."""
    if not alasan.strip():
        raise ValidationError({"alasan": "Tulis alasan pembatalan."})
    with transaction.atomic():
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
        if pendaftaran.status not in (Status.MENUNGGU_KONFIRMASI, Status.DIAJUKAN, Status.DIKEMBALIKAN):
            raise ValidationError(f"Pendaftaran berstatus “{pendaftaran.get_status_display()}” tidak dapat dibatalkan.")
        pendaftaran.status = Status.DIBATALKAN
        pendaftaran.save(update_fields=["status"])
        status_counts_changed()
        jadwal = JadwalVerifikasi.objects.select_for_update().filter(pendaftaran=pendaftaran).first()
        if jadwal is not None:  # give the place back to the slot
            SlotVerifikasi.objects.filter(pk=jadwal.slot_id).update(terisi=F("terisi") - 1)
            jadwal.delete()
        queue_email(
            subject=f"Pendaftaran {pendaftaran.nomor or pendaftaran.nama} dibatalkan",
            body=f"Yth. {pendaftaran.pj_nama},\n\nPendaftaran Anda dibatalkan oleh LPSE.\nAlasan: {alasan}",
            recipients=[pendaftaran.email],
        )
    return pendaftaran
