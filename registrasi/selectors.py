"""Reads of the bidang shared by views, the panel and the export."""

import re
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


# Assembled from the constants above; every value is a query parameter.
_DURATIONS_SQL = (
    "WITH cal AS (SELECT * FROM unnest(%(days)s::date[], %(cum)s::bigint[], %(kerja)s::boolean[])"  # noqa: S608
    " AS c(d, cum, kerja)),"
    " pairs AS (SELECT " + _ROUND_SUBMITTED + " AS a, k.dibuat AS b" + _DECISIONS + ")"
    " SELECT (pairs.b AT TIME ZONE %(tz)s)::date, GREATEST("
    + _position("pairs.b", "cb")
    + " - "
    + _position("pairs.a", "ca")
    + ", 0) AS s, COUNT(*) FROM pairs JOIN cal ca ON ca.d = (pairs.a AT TIME ZONE %(tz)s)::date"
    " JOIN cal cb ON cb.d = (pairs.b AT TIME ZONE %(tz)s)::date GROUP BY 1, 2"
)


def _durations_pg(lo: datetime, hi: datetime) -> list[tuple[date, object, int]]:
    """(day of the decision, working seconds from the round's submission, decisions) for the
    decisions in [lo, hi): the median's inputs, grouped (two queries whatever the rows)."""
    with connection.cursor() as cur:
        cur.execute(_FIRST_SUBMITTED_SQL, {"lo": lo, "hi": hi})
        first = cur.fetchone()[0]
        # The calendar query runs even without decisions, so a read costs the same queries.
        days, cum, kerja = _working_calendar(timezone.localdate(first or lo), timezone.localdate(hi))
        open_t, _ = workcal._office_hours()
        cur.execute(
            _DURATIONS_SQL,
            {
                "days": days,
                "cum": cum,
                "kerja": kerja,
                "lo": lo,
                "hi": hi,
                "tz": str(timezone.get_current_timezone()),
                "open": open_t.hour * 3600 + open_t.minute * 60 + open_t.second,
                "span": workcal.working_day_seconds(),
            },
        )
        return cur.fetchall()


def _durations_py(lo: datetime, hi: datetime) -> list[tuple[date, object, int]]:
    """The same in Python (databases without the SQL above, e.g. SQLite)."""
    from collections import Counter

    rows = Keputusan.objects.filter(dibuat__gte=lo, dibuat__lt=hi).values_list(
        "putaran", "dibuat", "pendaftaran__putaran", "pendaftaran__diajukan", "pendaftaran__email_dikonfirmasi"
    )
    out: Counter = Counter()
    for putaran, dibuat, current, diajukan, dikonfirmasi in rows.iterator(chunk_size=2000):
        submitted = diajukan if putaran == current else dikonfirmasi if putaran == 1 else None
        if submitted is not None:
            out[(timezone.localdate(dibuat), workcal.working_seconds_between(submitted, dibuat))] += 1
    return [(day, seconds, n) for (day, seconds), n in out.items()]


def daily_figures(*, start: date, end: date) -> dict[date, dict[str, int]]:
    """The additive registration figures of each day in [start, end], for lpse.totals (five queries).

    - ``status:<status>``: applications that entered the queue (email confirmed) that day, by
      their status now;
    - ``setuju``: approvals decided that day;
    - ``tolak``: applications returned for correction that day; ``tolak_ulang:<day>``: those of
      them returned before too, on ``<day>`` the last time — the period's count of applications
      returned at least once is ``tolak`` less the repeats whose earlier day lies in the period;
    - ``durasi:<seconds>``: decisions of the day taking that many working seconds from the
      round's submission — the histogram the period's median is read from.
    """
    from collections import defaultdict
    from decimal import Decimal

    from django.db.models.functions import TruncDate

    lo, hi = _period(start, end)
    tz = timezone.get_current_timezone()
    out: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    entered = (
        Pendaftaran.objects.filter(email_dikonfirmasi__gte=lo, email_dikonfirmasi__lt=hi)
        .order_by()
        .annotate(hari=TruncDate("email_dikonfirmasi", tzinfo=tz))
        .values_list("hari", "status")
        .annotate(n=Count("id"))
    )
    for hari, status, n in entered:
        out[hari][f"status:{status}"] += n
    approved = (
        Keputusan.objects.filter(dibuat__gte=lo, dibuat__lt=hi, hasil=Keputusan.Hasil.SETUJU)
        .order_by()
        .annotate(hari=TruncDate("dibuat", tzinfo=tz))
        .values_list("hari")
        .annotate(n=Count("id"))
    )
    for hari, n in approved:
        out[hari]["setuju"] += n
    # Every earlier return of the applications returned in the span: each return-day's previous one.
    returned = Keputusan.objects.filter(hasil=Keputusan.Hasil.TOLAK)
    rows = (
        returned.filter(
            dibuat__lt=hi, pendaftaran__in=returned.filter(dibuat__gte=lo, dibuat__lt=hi).values("pendaftaran")
        )
        .annotate(hari=TruncDate("dibuat", tzinfo=tz))
        .values_list("pendaftaran_id", "hari")
        .distinct()
        .order_by("pendaftaran_id", "hari")
    )
    previous: tuple[int, date] | None = None
    for pendaftaran_id, hari in rows:
        if hari >= start:
            out[hari]["tolak"] += 1
            if previous and previous[0] == pendaftaran_id:
                out[hari][f"tolak_ulang:{previous[1].isoformat()}"] += 1
        previous = (pendaftaran_id, hari)
    durations = _durations_pg(lo, hi) if connection.vendor == "postgresql" else _durations_py(lo, hi)
    for hari, seconds, n in durations:
        # one spelling per value (PostgreSQL may give 0 and 0.000000), microseconds kept
        out[hari][f"durasi:{Decimal(str(seconds)).quantize(Decimal('0.000001'))}"] += n
    return {d: dict(v) for d, v in out.items()}


def _pendaftaran_days(pendaftaran: Pendaftaran) -> list:
    """The days whose figures an application's row counts in: its queue entry and, through the
    submission times its decisions are measured from, the days of its decisions."""
    return [pendaftaran.email_dikonfirmasi, *_decision_days(pendaftaran.pk)]


def _keputusan_days(keputusan: Keputusan) -> list:
    """A decision's day and its application's other decision days (a return changes whether the
    next one is a repeat)."""
    return [keputusan.dibuat, *_decision_days(keputusan.pendaftaran_id)]


def _decision_days(pendaftaran_id) -> list:
    if pendaftaran_id is None:
        return []
    return list(Keputusan.objects.filter(pendaftaran_id=pendaftaran_id).values_list("dibuat", flat=True))


# The models whose saves and deletes change daily_figures (lpse.totals), and the days they touch.
DAILY_WATCH = {"Pendaftaran": _pendaftaran_days, "Keputusan": _keputusan_days}


def _median_of(histogram: dict) -> float | None:
    """The median (as percentile_cont: the mean of the two middle values) of ``{value: count}``."""
    total = sum(histogram.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in sorted(histogram):
        seen += histogram[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    return float(sum(found)) / len(found)


def report_figures(*, start: date, end: date) -> dict:
    """Registration figures of a period for sekretariat/sources.py (a constant number of queries:
    sums of lpse.totals' running totals, ``daily_figures`` above, and one count).

    - ``pendaftaran_masuk`` / ``pendaftaran_per_status``: applications that entered the queue
      (email confirmed, i.e. first submitted) in the period, by their status now.
    - ``terverifikasi``: approvals decided in the period (Pasal 10(4)); ``ditolak``: applications
      with at least one round returned for correction in the period.
    - ``median_verifikasi_jam``: median working hours (lpse.workcal) from a round's submission to
      its decision, over the decisions of the period.
    - ``menunggu_lewat_target``: applications waiting at the end of the period (or now, if sooner)
      whose SLA target (``batas_sla``, settings.REGISTRASI_SLA_HARI working days) had passed by then.
    """
    from decimal import Decimal

    from lpse import totals

    lo, hi = _period(start, end)
    day = totals.sums("registrasi", start=start, end=end)
    labels = dict(Status.choices)
    per_status = dict.fromkeys([labels[s] for s in Status.values if s != Status.MENUNGGU_KONFIRMASI], 0)
    durations: dict[Decimal, int] = {}
    ditolak = day.get("tolak", 0)
    for key, n in day.items():
        kind, _, rest = key.partition(":")
        if kind == "status":
            per_status[labels.get(rest, rest)] = n
        elif kind == "durasi":
            durations[Decimal(rest)] = durations.get(Decimal(rest), 0) + n
        elif kind == "tolak_ulang" and date.fromisoformat(rest) >= start:
            ditolak -= n  # returned again in the period: counted once
    median = _median_of(durations)
    now = timezone.now()
    at = min(hi, now)
    if at == now:
        # Up to now, waiting means not decided yet (no decision is dated in the future): the
        # partial index on waiting applications answers it.
        late = Pendaftaran.objects.filter(status=Status.DIAJUKAN, diajukan__lte=at, batas_sla__lt=at).count()
    else:
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
        "terverifikasi": day.get("setuju", 0),
        "ditolak": ditolak,
        "median_verifikasi_jam": None if median is None else round(median / 3600, 2),
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
