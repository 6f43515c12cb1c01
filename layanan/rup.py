"""RUP and announcement facilitation (Pasal 4(1)a–b, 24(1)a): services and
selectors of the tracker. The RUP and the announcements stay the OPD's and
the ULP's (Pasal 4(3)); the unit records the help it gave."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from lpse import roles
from lpse.mail import queue_email
from lpse.models import Instansi, User

from .models import FasilitasiPengumuman, FasilitasiRup, SesiPendampingan, StatusFasilitasi, Tiket


def rup_deadline(tahun: int) -> date:
    """The day of the budget year by which the RUP should be announced (RUP_BATAS)."""
    try:
        return datetime.strptime(f"{tahun}-{settings.RUP_BATAS}", "%Y-%m-%d").date()  # noqa: DTZ007
    except ValueError as exc:
        raise ImproperlyConfigured(f"RUP_BATAS harus berformat BB-HH, bukan {settings.RUP_BATAS!r}.") from exc


@dataclass
class RupRow:
    instansi: Instansi
    fasilitasi: FasilitasiRup | None
    terlambat: bool
    sesi: int


def rup_tracker(*, tahun: int, today: date | None = None) -> list[RupRow]:
    """Every active OPD with its RUP facilitation of the year (or none yet),
    flagged late when the deadline passed without an announcement or the
    announcement came after it. Two queries."""
    today = today or timezone.localdate()
    batas = rup_deadline(tahun)
    rows = {
        f.instansi_id: f
        for f in FasilitasiRup.objects.filter(tahun=tahun).select_related("petugas").annotate(n_sesi=Count("sesi"))
    }
    out = []
    for opd in Instansi.objects.filter(aktif=True, jenis=Instansi.Jenis.OPD).order_by("nama"):
        f = rows.get(opd.pk)
        late = f.tanggal_umum > batas if f and f.status == StatusFasilitasi.DIUMUMKAN else today > batas
        out.append(RupRow(opd, f, late, f.n_sesi if f else 0))
    return out


def rup_open(*, instansi: Instansi, tahun: int, user) -> FasilitasiRup:
    """The tracker row of an OPD and year, made on first use."""
    with transaction.atomic():
        fasilitasi, _ = FasilitasiRup.objects.get_or_create(instansi=instansi, tahun=tahun, defaults={"petugas": user})
    return fasilitasi


def rup_update(
    *, fasilitasi: FasilitasiRup, status: str, tanggal_umum, referensi: str, catatan: str, user
) -> FasilitasiRup:
    """Record the RUP's state (Pasal 4(1)a); an announced RUP needs its date and national-portal reference."""
    with transaction.atomic():
        fasilitasi.status = status
        fasilitasi.tanggal_umum = tanggal_umum if status == StatusFasilitasi.DIUMUMKAN else None
        fasilitasi.referensi = referensi.strip()
        fasilitasi.catatan = catatan
        fasilitasi.petugas = fasilitasi.petugas or user
        fasilitasi.full_clean()
        fasilitasi.save()
    return fasilitasi


def pengumuman_save(*, pengumuman: FasilitasiPengumuman, user) -> FasilitasiPengumuman:
    """Log (or update) an announcement facilitated for a ULP (Pasal 4(1)b)."""
    with transaction.atomic():
        if pengumuman.status != StatusFasilitasi.DIUMUMKAN:
            pengumuman.tanggal_umum = None
        pengumuman.petugas = pengumuman.petugas or user
        pengumuman.full_clean()
        pengumuman.save()
    return pengumuman


def sesi_add(
    *,
    rup: FasilitasiRup | None = None,
    pengumuman: FasilitasiPengumuman | None = None,
    tanggal: date,
    petugas,
    uraian: str,
    tiket_ids: list[int],
) -> SesiPendampingan:
    """Record an assistance session and link the tickets it answered; a
    session moves a tracker still at "belum" to "dalam pendampingan"."""
    tickets = list(Tiket.objects.filter(pk__in=tiket_ids))
    missing = set(tiket_ids) - {t.pk for t in tickets}
    if missing:
        raise ValidationError(f"Tiket tidak ditemukan: {', '.join(str(m) for m in sorted(missing))}.")
    with transaction.atomic():
        sesi = SesiPendampingan(rup=rup, pengumuman=pengumuman, tanggal=tanggal, petugas=petugas, uraian=uraian)
        sesi.full_clean()
        sesi.save()
        sesi.tiket.set(tickets)
        target = rup or pengumuman
        if target.status == StatusFasilitasi.BELUM:
            target.status = StatusFasilitasi.PENDAMPINGAN
            target.save(update_fields=["status"])
    return sesi


def rup_remind(*, today: date | None = None) -> int:
    """Pasal 4(1)a: before the deadline (RUP_PENGINGAT_HARI days ahead), tell
    each OPD whose RUP is not yet announced — its PA/KPA and the Kepala Bidang
    Layanan dan Dukungan. Once per OPD per day. Returns mails queued."""
    today = today or timezone.localdate()
    batas = rup_deadline(today.year)
    sisa = (batas - today).days
    if sisa not in settings.RUP_PENGINGAT_HARI:
        return 0
    kabid = list(User.objects.filter(is_active=True, groups__name=roles.KABID_LAYANAN).values_list("email", flat=True))
    announced = set(
        FasilitasiRup.objects.filter(tahun=today.year, status=StatusFasilitasi.DIUMUMKAN).values_list(
            "instansi_id", flat=True
        )
    )
    sent = 0
    for opd in Instansi.objects.filter(aktif=True, jenis=Instansi.Jenis.OPD).exclude(pk__in=announced):
        with transaction.atomic():
            fasilitasi, _ = FasilitasiRup.objects.select_for_update().get_or_create(instansi=opd, tahun=today.year)
            if fasilitasi.diingatkan == today:
                continue
            pa_kpa = list(
                User.objects.filter(is_active=True, instansi=opd, groups__name=roles.PA_KPA).values_list(
                    "email", flat=True
                )
            )
            mail = queue_email(
                subject=f"Pengingat: RUP {opd.nama} tahun {today.year} belum diumumkan",
                body=(
                    f"Rencana Umum Pengadaan {opd.nama} tahun anggaran {today.year} belum tercatat diumumkan di "
                    f"portal nasional. Batas pengumuman: {batas:%d-%m-%Y} ({sisa} hari lagi).\n\n"
                    f"Status saat ini: {fasilitasi.get_status_display()}. {settings.LPSE['NAMA']} siap mendampingi "
                    "(Perbup Karo 02/2017 Pasal 4 ayat 1 huruf a); hubungi Bidang Layanan dan Dukungan."
                ),
                recipients=pa_kpa + kabid,
            )
            fasilitasi.diingatkan = today
            fasilitasi.save(update_fields=["diingatkan"])
            sent += mail is not None
    return sent


def report_figures(*, start: date, end: date) -> dict:
    """Facilitation figures of a period for the Laporan Kegiatan and the SOP page
    (through layanan.selectors.report_figures), four queries whatever the volume:
    RUP announced with the unit's help (and how many by the deadline), OPD late
    for the year of ``end``, ULP announcements facilitated, sessions held."""
    batas = rup_deadline(end.year)
    in_period = Q(status=StatusFasilitasi.DIUMUMKAN, tanggal_umum__range=(start, end))
    rup = FasilitasiRup.objects.aggregate(
        diumumkan=Count("id", filter=in_period),
        tepat=Count("id", filter=in_period & Q(tanggal_umum__lte=batas)),
    )
    on_time = FasilitasiRup.objects.filter(
        instansi=OuterRef("pk"), tahun=end.year, status=StatusFasilitasi.DIUMUMKAN, tanggal_umum__lte=batas
    )
    # Counted whatever the date, so the number of queries never depends on it.
    missing = Instansi.objects.filter(aktif=True, jenis=Instansi.Jenis.OPD).exclude(Exists(on_time)).count()
    late = missing if min(end, timezone.localdate()) > batas else 0
    pengumuman = FasilitasiPengumuman.objects.filter(
        status=StatusFasilitasi.DIUMUMKAN, tanggal_umum__range=(start, end)
    ).count()
    sesi = SesiPendampingan.objects.filter(tanggal__range=(start, end)).count()
    return {
        "rup_diumumkan": rup["diumumkan"],
        "rup_tepat_waktu": rup["tepat"],
        "rup_opd_terlambat": late,
        "pengumuman_ulp_difasilitasi": pengumuman,
        "sesi_pendampingan": sesi,
    }
