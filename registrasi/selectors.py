"""Reads of the bidang shared by views, the panel and the export."""

import re
import statistics
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from lpse import workcal

from .models import BerkasDraf, DrafPendaftaran, JadwalVerifikasi, Keputusan, Pendaftaran

Status = Pendaftaran.Status

# What models._token makes (token_urlsafe(32) is 43 characters); anything else,
# NUL bytes included, is refused before it reaches the database.
_DRAF_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def draf_for_token(token: str, *, jenis: str | None = None) -> DrafPendaftaran | None:
    """The live registration draft of this private link (issue 13), or None when the token
    is malformed, unknown, of another kind of registration, or past its days."""
    if not isinstance(token, str) or not _DRAF_TOKEN.fullmatch(token):
        return None
    drafts = DrafPendaftaran.objects.filter(token=token, berlaku_sampai__gt=timezone.now())
    if jenis:
        drafts = drafts.filter(jenis=jenis)
    return drafts.prefetch_related("berkas").first()


def draf_berkas(draf: DrafPendaftaran | None) -> dict[str, BerkasDraf]:
    """The draft's accepted documents by kind (from the prefetched rows)."""
    return {b.jenis: b for b in draf.berkas.all()} if draf else {}


def antrian_queryset() -> QuerySet[Pendaftaran]:
    """The register as the queue shows it: one query with the verifier joined."""
    return (
        Pendaftaran.objects.exclude(status=Status.MENUNGGU_KONFIRMASI)
        .select_related("verifikator")
        .only(
            "id",
            "nomor",
            "jenis",
            "status",
            "nama_badan_usaha",
            "bentuk_usaha",
            "npwp",
            "nib",
            "pj_nama",
            "pj_nik",
            "email",
            "diajukan",
            "batas_sla",
            "putaran",
            "verifikator__id",
            "verifikator__nama_lengkap",
        )
        .order_by("-diajukan", "-id")
    )


COUNTS_CACHE_KEY = "registrasi:hitung-status"


def status_counts() -> dict[str, int]:
    """Applications per status and those past the SLA target: two queries whatever the volume,
    reused for a few seconds (see settings.REGISTRASI_HITUNG_CACHE_DETIK) by the queue and the dashboard panel.

    GROUP BY status reads the status index; the past-SLA count uses the
    partial index on waiting applications (one FILTER aggregate over the
    whole table was several times slower at 100,000 rows).
    """
    ttl = settings.REGISTRASI_HITUNG_CACHE_DETIK
    if ttl and (cached := cache.get(COUNTS_CACHE_KEY)) is not None:
        return cached
    counts = dict.fromkeys(Status.values, 0)
    counts.update(Pendaftaran.objects.order_by().values_list("status").annotate(n=Count("id")))
    counts["lewat_sla"] = Pendaftaran.objects.filter(status=Status.DIAJUKAN, batas_sla__lt=timezone.now()).count()
    if ttl:
        cache.set(COUNTS_CACHE_KEY, counts, ttl)
    return counts


def status_counts_changed() -> None:
    """Forget the cached counts once the current transaction commits."""
    transaction.on_commit(lambda: cache.delete(COUNTS_CACHE_KEY))


def jadwal_hari_ini() -> QuerySet[JadwalVerifikasi]:
    today = timezone.localdate()
    return (
        JadwalVerifikasi.objects.filter(slot__mulai__date=today)
        .select_related("slot", "pendaftaran")
        .order_by("slot__mulai")
    )


def pendaftaran_detail(pk: int) -> Pendaftaran:
    return (
        Pendaftaran.objects.select_related("verifikator", "instansi", "akun", "jadwal__slot")
        .prefetch_related("berkas", "keputusan__verifikator", "keputusan__berita_acara", "penonaktifan")
        .get(pk=pk)
    )


def pendaftaran_by_token(token: str) -> Pendaftaran:
    """The applicant's own application, by the private token of their status link."""
    return (
        Pendaftaran.objects.select_related("instansi", "jadwal__slot")
        .prefetch_related("berkas", "keputusan", "penonaktifan")
        .exclude(status=Status.MENUNGGU_KONFIRMASI)
        .get(token=token)
    )


def akan_kedaluwarsa(*, today, days: int = 30) -> QuerySet[Pendaftaran]:
    """Approved users whose appointment (officials) or licence (vendors) ends within ``days``
    or has ended already, soonest first."""
    limit = today + timedelta(days=days)
    return (
        Pendaftaran.objects.filter(status=Status.DISETUJUI)
        .filter(Q(masa_berlaku_sampai__lte=limit) | Q(izin_berlaku_sampai__lte=limit))
        .annotate(berakhir=Coalesce("masa_berlaku_sampai", "izin_berlaku_sampai"))
        .select_related("instansi")
        .order_by("berakhir", "id")
    )


# --- Figures for the Sekretariat's Laporan Kegiatan (Pasal 7(2)c) and SOP page (Pasal 12(2)a) ---


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) in the office's time zone."""
    tz = timezone.get_current_timezone()
    return datetime.combine(start, time.min, tz), datetime.combine(end + timedelta(days=1), time.min, tz)


# When the decided round was submitted: the current round's ``diajukan``, or for round 1 the email
# confirmation (when round 1 entered the queue). An earlier round of an application resubmitted since
# has no stored submission time and is left out (NULL).
_ROUND_SUBMITTED = "CASE WHEN k.putaran = p.putaran THEN p.diajukan WHEN k.putaran = 1 THEN p.email_dikonfirmasi END"
_DECISIONS = (
    " FROM registrasi_keputusan k JOIN registrasi_pendaftaran p ON p.id = k.pendaftaran_id"
    " WHERE k.dibuat >= %(lo)s AND k.dibuat < %(hi)s"
)


def _position(col: str, cal: str) -> str:
    """A moment's place on the working-time line: working seconds before its day, plus the
    part of its day inside office hours (none on a day off)."""
    return (
        f"({cal}.cum + CASE WHEN {cal}.kerja THEN LEAST(GREATEST("
        f"EXTRACT(EPOCH FROM ({col} AT TIME ZONE %(tz)s)::time) - %(open)s, 0), %(span)s) ELSE 0 END)"
    )


_FIRST_SUBMITTED_SQL = "SELECT MIN(" + _ROUND_SUBMITTED + ")" + _DECISIONS
# Assembled from the constants above; every value is a query parameter.
_MEDIAN_SQL = (
    "WITH cal AS (SELECT * FROM unnest(%(days)s::date[], %(cum)s::bigint[], %(kerja)s::boolean[])"  # noqa: S608
    " AS c(d, cum, kerja)),"
    " pairs AS (SELECT " + _ROUND_SUBMITTED + " AS a, k.dibuat AS b" + _DECISIONS + ")"
    " SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST("
    + _position("pairs.b", "cb")
    + " - "
    + _position("pairs.a", "ca")
    + ", 0)) FROM pairs JOIN cal ca ON ca.d = (pairs.a AT TIME ZONE %(tz)s)::date"
    " JOIN cal cb ON cb.d = (pairs.b AT TIME ZONE %(tz)s)::date"
)


def _working_calendar(first: date, last: date) -> tuple[list[date], list[int], list[bool]]:
    """Each day from ``first`` to ``last`` with the working seconds before it (from ``first``)
    and whether it is a working day — lpse.workcal's calendar, for SQL to look up."""
    span = workcal.working_day_seconds()
    days, cum, kerja = [], [], []
    total, day = 0, first
    while day <= last:
        working = workcal.is_working_day(day)
        days.append(day)
        cum.append(total)
        kerja.append(working)
        total += span if working else 0
        day += timedelta(days=1)
    return days, cum, kerja


def _median_verification_hours_pg(lo: datetime, hi: datetime) -> float | None:
    """Median working hours from a round's submission to its decision, in one PostgreSQL query.

    Working time is lpse.workcal's (office hours, weekends and holidays off): the calendar goes in
    as arrays (day, working seconds before that day, working day?), so a moment's working-time
    position is a lookup plus the clipped time of day, and a duration is the difference of two
    positions. percentile_cont gives the median without reading the rows into Python.
    """
    with connection.cursor() as cur:
        cur.execute(_FIRST_SUBMITTED_SQL, {"lo": lo, "hi": hi})
        first = cur.fetchone()[0]
        if first is None:
            return None
        days, cum, kerja = _working_calendar(timezone.localdate(first), timezone.localdate(hi))
        open_t, _ = workcal._office_hours()
        params = {
            "days": days,
            "cum": cum,
            "kerja": kerja,
            "lo": lo,
            "hi": hi,
            "tz": str(timezone.get_current_timezone()),
            "open": open_t.hour * 3600 + open_t.minute * 60 + open_t.second,
            "span": workcal.working_day_seconds(),
        }
        cur.execute(_MEDIAN_SQL, params)
        seconds = cur.fetchone()[0]
    return None if seconds is None else round(float(seconds) / 3600, 2)


def _median_verification_hours_py(lo: datetime, hi: datetime) -> float | None:
    """The same median computed in Python (databases without percentile_cont, e.g. SQLite)."""
    rows = Keputusan.objects.filter(dibuat__gte=lo, dibuat__lt=hi).values_list(
        "putaran", "dibuat", "pendaftaran__putaran", "pendaftaran__diajukan", "pendaftaran__email_dikonfirmasi"
    )
    hours = []
    for putaran, dibuat, current, diajukan, dikonfirmasi in rows.iterator(chunk_size=2000):
        submitted = diajukan if putaran == current else dikonfirmasi if putaran == 1 else None
        if submitted is not None:
            hours.append(workcal.working_seconds_between(submitted, dibuat) / 3600)
    return round(statistics.median(hours), 2) if hours else None


def report_figures(*, start: date, end: date) -> dict:
    """Registration figures of a period for sekretariat/sources.py (five queries whatever the volume).

    - ``pendaftaran_masuk`` / ``pendaftaran_per_status``: applications that entered the queue
      (email confirmed, i.e. first submitted) in the period, by their status now.
    - ``terverifikasi``: approvals decided in the period (Pasal 10(4)); ``ditolak``: applications
      with at least one round returned for correction in the period.
    - ``median_verifikasi_jam``: median working hours (lpse.workcal) from a round's submission to
      its decision, over the decisions of the period.
    - ``menunggu_lewat_target``: applications waiting at the end of the period (or now, if sooner)
      whose SLA target (``batas_sla``, settings.REGISTRASI_SLA_HARI working days) had passed by then.
    """
    lo, hi = _period(start, end)
    labels = dict(Status.choices)
    per_status = dict.fromkeys([labels[s] for s in Status.values if s != Status.MENUNGGU_KONFIRMASI], 0)
    for status, n in (
        Pendaftaran.objects.filter(email_dikonfirmasi__gte=lo, email_dikonfirmasi__lt=hi)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    ):
        per_status[labels.get(status, status)] = n
    decisions = Keputusan.objects.filter(dibuat__gte=lo, dibuat__lt=hi).aggregate(
        setuju=Count("id", filter=Q(hasil=Keputusan.Hasil.SETUJU)),
        tolak=Count("pendaftaran", filter=Q(hasil=Keputusan.Hasil.TOLAK), distinct=True),
    )
    if connection.vendor == "postgresql":
        median = _median_verification_hours_pg(lo, hi)
    else:
        median = _median_verification_hours_py(lo, hi)
    at = min(hi, timezone.now())
    decided_later = Keputusan.objects.filter(pendaftaran=OuterRef("pk"), putaran=OuterRef("putaran"), dibuat__gt=at)
    late = (
        Pendaftaran.objects.filter(diajukan__lte=at, batas_sla__lt=at)
        .filter(Q(status=Status.DIAJUKAN) | Q(Exists(decided_later)))
        .count()
    )
    queue = reverse("registrasi:index")
    return {
        "pendaftaran_per_status": per_status,
        "pendaftaran_masuk": sum(per_status.values()),
        "terverifikasi": decisions["setuju"],
        "ditolak": decisions["tolak"],
        "median_verifikasi_jam": median,
        "menunggu_lewat_target": late,
        "tautan": {
            "pendaftaran_masuk": f"{queue}?{urlencode({'dari': start.isoformat(), 'sampai': end.isoformat()})}",
            "terverifikasi": f"{queue}?status={Status.DISETUJUI}",
            "menunggu_lewat_target": f"{queue}?status={Status.DIAJUKAN}&lewat_sla=on",
        },
    }


def pengguna_spse_search(*, q: str = ""):
    """Imported SPSE users, searched by name, User ID, NPWP or NIK."""
    from django.db.models import Q

    from .models import PenggunaSpse

    qs = PenggunaSpse.objects.select_related("instansi", "akun").order_by("nama", "user_id")
    if q:
        digits = "".join(ch for ch in q if ch.isdigit())
        cond = Q(nama__icontains=q) | Q(user_id__iexact=q)
        if len(digits) >= 6:
            cond |= Q(npwp__contains=digits) | Q(nik__contains=digits)
        qs = qs.filter(cond)
    return qs


def dashboard_figures(*, today: date, counts: dict) -> list[dict]:
    """Approved this month against last (six months of trend, one aggregate) and waiting now with
    the oldest waiting age (one query), for the Kepala Unit's dashboard (issue 13)."""
    from django.db.models.functions import TruncMonth

    from lpse import figures

    months = figures.recent_months(today)
    this, prev = months[-1], months[-2]
    tz = timezone.get_current_timezone()
    rows = (
        Keputusan.objects.filter(
            hasil=Keputusan.Hasil.SETUJU, dibuat__gte=timezone.make_aware(datetime.combine(months[0], time.min))
        )
        .annotate(bulan=TruncMonth("dibuat", tzinfo=tz))
        .values_list("bulan")
        .annotate(n=Count("pendaftaran", distinct=True))
        .order_by()
    )
    approved = {timezone.localtime(b).date(): n for b, n in rows}
    oldest = (
        Pendaftaran.objects.filter(status=Status.DIAJUKAN, diajukan__isnull=False)
        .order_by("diajukan")
        .values_list("diajukan", flat=True)
        .first()
    )
    index = reverse("registrasi:index")

    def approved_url(month):
        end = min(figures.month_end(month), today)
        return f"{index}?status=&{figures.period_query(month, end, prefix='disetujui_')}"

    waiting_days = (timezone.localdate() - timezone.localdate(oldest)).days if oldest else None
    lewat = counts.get("lewat_sla", 0)
    note = "tidak ada yang menunggu"
    if oldest:
        note = f"terlama {waiting_days} hari" + (f", {lewat} lewat target SLA" if lewat else "")
    return [
        figures.figure(
            key="pendaftaran-disetujui",
            label="Pendaftaran disetujui",
            value=approved.get(this, 0),
            url=approved_url(this),
            previous=approved.get(prev, 0),
            previous_url=approved_url(prev),
            trend=[(m, approved.get(m, 0)) for m in months],
        ),
        figures.figure(
            key="pendaftaran-menunggu",
            label="Menunggu verifikasi",
            value=counts.get("diajukan", 0),
            url=f"{index}?status=diajukan",
            note=note,
            attention="danger" if lewat else "",
        ),
    ]
