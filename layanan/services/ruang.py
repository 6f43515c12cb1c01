"""Room bookings and the guest book (Pasal 14 huruf a–b)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lpse.mail import queue_email

from ..models import (
    BukuTamu,
    PemesananRuang,
    Ruang,
)


def _fmt(dt: datetime) -> str:
    return timezone.localtime(dt).strftime("%d-%m-%Y %H.%M")


@transaction.atomic
def pemesanan_create(
    *, ruang: Ruang, pemesan, mulai: datetime, selesai: datetime, keperluan: str, kode_paket: str = "", peserta: int = 1
) -> PemesananRuang:
    """Book a room (e.g. the bidding room for opening offers). The Python check
    gives the friendly message; the exclusion constraint makes overlaps
    impossible even for two requests at the same instant."""
    if not ruang.aktif:
        raise ValidationError(f"{ruang.nama} sedang tidak dapat dipesan.")
    if mulai < timezone.now():
        raise ValidationError("Waktu mulai sudah lewat; pilih waktu yang akan datang.")
    if selesai <= mulai:
        raise ValidationError("Waktu selesai harus setelah waktu mulai.")
    if peserta > ruang.kapasitas:
        raise ValidationError(f"{ruang.nama} hanya memuat {ruang.kapasitas} orang.")
    bentrok = (
        PemesananRuang.objects.filter(
            ruang=ruang, status__in=PemesananRuang.AKTIF, mulai__lt=selesai, selesai__gt=mulai
        )
        .order_by("mulai")
        .first()
    )
    if bentrok:
        raise ValidationError(
            f"{ruang.nama} sudah dipesan {_fmt(bentrok.mulai)}–{_fmt(bentrok.selesai)} ({bentrok.keperluan})."
        )
    pemesanan = PemesananRuang(
        ruang=ruang,
        pemesan=pemesan,
        mulai=mulai,
        selesai=selesai,
        keperluan=keperluan,
        kode_paket=kode_paket,
        peserta=peserta,
        status=PemesananRuang.Status.TUNDA if ruang.perlu_persetujuan else PemesananRuang.Status.SETUJU,
    )
    # The exclusion constraint is checked by the database (it has no SQLite form).
    pemesanan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            pemesanan.save()
    except IntegrityError as exc:
        raise ValidationError(f"{ruang.nama} baru saja dipesan orang lain pada waktu tersebut.") from exc
    return pemesanan


@transaction.atomic
def pemesanan_decide(*, pemesanan: PemesananRuang, setuju: bool, user, catatan: str = "") -> PemesananRuang:
    """The Kepala Bidang approves or refuses a pending booking (tunda → setuju / tidak setuju)."""
    pemesanan = PemesananRuang.objects.select_for_update().get(pk=pemesanan.pk)
    if pemesanan.status != PemesananRuang.Status.TUNDA:
        raise ValidationError("Hanya pemesanan berstatus tunda yang dapat diputuskan.")
    pemesanan.status = PemesananRuang.Status.SETUJU if setuju else PemesananRuang.Status.TIDAK_SETUJU
    pemesanan.diputus_oleh, pemesanan.catatan_keputusan = user, catatan
    pemesanan.save(update_fields=["status", "diputus_oleh", "catatan_keputusan"])
    queue_email(
        subject=f"[LPSE] Pemesanan {pemesanan.ruang.nama} {pemesanan.get_status_display().lower()}",
        body=(
            f"Pemesanan {pemesanan.ruang.nama} {_fmt(pemesanan.mulai)}–{_fmt(pemesanan.selesai)} "
            f"({pemesanan.keperluan}): {pemesanan.get_status_display()}. {catatan}"
        ),
        recipients=[pemesanan.pemesan.email],
    )
    return pemesanan


@transaction.atomic
def pemesanan_cancel(*, pemesanan: PemesananRuang, user) -> PemesananRuang:
    pemesanan = PemesananRuang.objects.select_for_update().get(pk=pemesanan.pk)
    if pemesanan.pemesan_id != user.pk and not user.has_perm("layanan.putus_pemesanan"):
        raise ValidationError("Hanya pemesan atau Kepala Bidang yang dapat membatalkan pemesanan ini.")
    if pemesanan.status not in PemesananRuang.AKTIF:
        raise ValidationError("Pemesanan ini sudah tidak aktif.")
    pemesanan.status = PemesananRuang.Status.BATAL
    pemesanan.save(update_fields=["status"])
    return pemesanan


@transaction.atomic
def tamu_checkin(*, data: dict, user, at: datetime | None = None) -> BukuTamu:
    """A walk-in visitor using the internet access (Pasal 14 huruf b)."""
    tamu = BukuTamu(**data, masuk=at or timezone.now(), dicatat_oleh=user)
    tamu.full_clean()
    tamu.save()
    return tamu


@transaction.atomic
def tamu_checkout(*, tamu: BukuTamu, at: datetime | None = None) -> BukuTamu:
    tamu = BukuTamu.objects.select_for_update().get(pk=tamu.pk)
    if tamu.keluar is None:
        tamu.keluar = at or timezone.now()
        tamu.full_clean()
        tamu.save(update_fields=["keluar"])
    return tamu
