"""Figures for the Sekretariat's Laporan Kegiatan (Pasal 7(2)c) and SOP page (Pasal 12(2)b-c)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from ..models import (
    Eskalasi,
    Kanal,
    Kategori,
    Pelatihan,
    PemesananRuang,
    PesertaPelatihan,
    Ruang,
    Status,
    Tiket,
)

# --- Figures for the Sekretariat's Laporan Kegiatan (Pasal 7(2)c) and SOP page (Pasal 12(2)b–c) ---


def daily_figures(*, start: date, end: date) -> dict[date, dict[str, int]]:
    """The additive ticket and escalation figures of each day in [start, end], for lpse.totals.

    The same rules as ``report_figures`` (merged duplicates never count), by the local day of
    the moment each figure is about: opened (per kanal and kategori), solved (and whether by its
    deadline), deadline missed (only deadlines already past), rated (sum and count), escalated.
    Five aggregate queries whatever the span.
    """
    from collections import defaultdict

    from django.db.models.functions import TruncDate

    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    at = min(hi, timezone.now())
    tickets = Tiket.objects.filter(digabung_ke__isnull=True).order_by()
    out: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def per_day(qs, field: str, **aggregates):
        return qs.annotate(hari=TruncDate(field, tzinfo=tz)).values("hari").annotate(**aggregates)

    rows = (
        tickets.filter(dibuat__gte=lo, dibuat__lt=hi)
        .annotate(hari=TruncDate("dibuat", tzinfo=tz))
        .values_list("hari", "kanal", "kategori")
        .annotate(n=Count("id"))
    )
    for hari, kanal, kategori, n in rows:
        out[hari]["masuk"] += n
        out[hari][f"kanal:{kanal}"] += n
        out[hari][f"kategori:{kategori}"] += n
    solved = tickets.filter(diselesaikan__gte=lo, diselesaikan__lt=hi)
    for row in per_day(
        solved, "diselesaikan", n=Count("id"), tepat=Count("id", filter=Q(diselesaikan__lte=F("selesai_batas")))
    ):
        out[row["hari"]]["selesai"] += row["n"]
        out[row["hari"]]["tepat"] += row["tepat"]
    running = Q(diselesaikan__isnull=True, status__in=[Status.BARU, Status.DITANGANI])
    missed = tickets.filter(selesai_batas__gte=lo, selesai_batas__lt=at).filter(
        Q(diselesaikan__gt=F("selesai_batas")) | running
    )
    for row in per_day(missed, "selesai_batas", n=Count("id")):
        out[row["hari"]]["lewat"] += row["n"]
    rated = tickets.filter(dinilai__gte=lo, dinilai__lt=hi, nilai__isnull=False)
    for row in per_day(rated, "dinilai", n=Count("id"), jumlah=Sum("nilai")):
        out[row["hari"]]["nilai_n"] += row["n"]
        out[row["hari"]]["nilai_jumlah"] += row["jumlah"]
    for row in per_day(Eskalasi.objects.filter(dikirim__gte=lo, dikirim__lt=hi).order_by(), "dikirim", n=Count("id")):
        out[row["hari"]]["eskalasi"] += row["n"]
    return {d: dict(v) for d, v in out.items()}


# The models whose saves and deletes change daily_figures, with the moments each is counted by.
DAILY_WATCH_FIELDS = {
    "Tiket": ("dibuat", "diselesaikan", "selesai_batas", "dinilai"),
    "Eskalasi": ("dikirim",),
}


def report_figures(*, start: date, end: date) -> dict:
    """Service figures of a period for sekretariat/sources.py (a constant number of queries:
    the ticket figures are sums of lpse.totals' running totals; RUP adds four).

    Merged duplicates (``digabung_ke``) are not counted anywhere: their request lives on in the
    ticket they were merged into.

    - ``tiket_masuk`` (and per kanal / kategori): tickets opened in the period.
    - ``tiket_selesai``: tickets solved in the period; ``sla_terpenuhi_persen``: the share of them
      solved by their resolution deadline (``selesai_batas``, working time, pauses added — layanan/sla.py).
    - ``tiket_lewat_sla``: resolution deadlines that fell in the period (up to now) and were missed:
      solved after the deadline, or still open and running (a ticket waiting on its user is paused).
    - ``kepuasan_rata2``: mean rating (1–5) given in the period (Pasal 24(1)d).
    - ``eskalasi_lkpp``: escalations sent to LKPP in the period (Pasal 15(3)).
    - ``pelatihan`` / ``peserta_pelatihan``: published trainings that ended in the period (up to
      now) and their participants marked present (Pasal 11(4)b).
    - ``pemakaian_ruang``: approved room bookings starting in the period, per room (Pasal 14a).
    - ``rup_*``, ``pengumuman_ulp_difasilitasi``, ``sesi_pendampingan``: RUP and announcement
      facilitation (Pasal 4(1)a–b, 24(1)a), four queries in layanan/rup.py.
    """
    from lpse import totals

    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    at = min(hi, timezone.now())
    # Tickets and escalations: sums of the running totals (lpse.totals, daily_figures below),
    # not a scan of a year of tickets on every request (issue 14).
    day = totals.sums("layanan", start=start, end=end)
    kanal_labels, kategori_labels = dict(Kanal.choices), dict(Kategori.choices)
    per_kanal = {label: day.get(f"kanal:{k}", 0) for k, label in kanal_labels.items()}
    per_kategori = {label: day.get(f"kategori:{k}", 0) for k, label in kategori_labels.items()}
    agg = {
        "masuk": day.get("masuk", 0),
        "selesai": day.get("selesai", 0),
        "tepat": day.get("tepat", 0),
        "lewat": day.get("lewat", 0),
        "kepuasan": day["nilai_jumlah"] / day["nilai_n"] if day.get("nilai_n") else None,
    }
    eskalasi = day.get("eskalasi", 0)
    trainings = Pelatihan.objects.filter(terbit=True, selesai__gte=lo, selesai__lt=at).aggregate(
        n=Count("id", distinct=True),
        peserta=Count("peserta", filter=Q(peserta__hadir=True, peserta__status=PesertaPelatihan.Status.TERDAFTAR)),
    )
    rooms = dict(
        Ruang.objects.order_by("nama")
        .annotate(
            n=Count(
                "pemesanan",
                filter=Q(
                    pemesanan__status=PemesananRuang.Status.SETUJU, pemesanan__mulai__gte=lo, pemesanan__mulai__lt=hi
                ),
            )
        )
        .values_list("nama", "n")
    )
    sla_report = f"{reverse('layanan:sla-laporan')}?tahun={end.year}&bulan={end.month}"
    from ..rup import report_figures as rup_figures  # Pasal 4(1)a–b, 24(1)a

    rup_link = f"{reverse('layanan:rup-list')}?tahun={end.year}"
    return {
        **rup_figures(start=start, end=end),
        "tiket_per_kanal": per_kanal,
        "tiket_per_kategori": per_kategori,
        "tiket_masuk": agg["masuk"],
        "tiket_selesai": agg["selesai"],
        "sla_terpenuhi_persen": round(100 * agg["tepat"] / agg["selesai"], 1) if agg["selesai"] else None,
        "tiket_lewat_sla": agg["lewat"],
        "kepuasan_rata2": round(float(agg["kepuasan"]), 2) if agg["kepuasan"] is not None else None,
        "eskalasi_lkpp": eskalasi,
        "pelatihan": trainings["n"],
        "peserta_pelatihan": trainings["peserta"],
        "pemakaian_ruang": rooms,
        "tautan": {
            "tiket_masuk": reverse("layanan:index"),
            "sla_terpenuhi_persen": sla_report,
            "tiket_lewat_sla": sla_report,
            "kepuasan_rata2": sla_report,
            "pelatihan": reverse("layanan:pelatihan-kelola"),
            "peserta_pelatihan": reverse("layanan:pelatihan-kelola"),
            "pemakaian_ruang": reverse("layanan:ruang-kalender"),
            "rup_diumumkan": rup_link,
            "rup_opd_terlambat": f"{reverse('layanan:rup-terlambat')}?tahun={end.year}",
            "pengumuman_ulp_difasilitasi": reverse("layanan:pengumuman-ulp-list"),
        },
    }
