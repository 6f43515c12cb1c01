"""Reads of the monitoring pages, the dashboard panel section and the Sekretariat's figures (Pasal 17)."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from infrastruktur.models import Aset, Insiden
from infrastruktur.selectors import working_days_without
from lpse import pagecache

from .models import AsetStatus, LaporanHarian, Pemeriksaan, Rollup, Sampel

RENTANG = {
    # name: (label, length, source)
    "24j": ("24 jam", timedelta(hours=24), None),
    "7h": ("7 hari", timedelta(days=7), Rollup.Resolusi.JAM),
    "30h": ("30 hari", timedelta(days=30), Rollup.Resolusi.JAM),
    "1t": ("1 tahun", timedelta(days=366), Rollup.Resolusi.HARI),
}
GRUP = [
    ("disk", "Disk & inode (%)"),
    ("ram", "RAM & swap (%)"),
    ("cpu", "CPU"),
    ("traffic", "Lalu lintas jaringan (byte/detik)"),
    ("latensi", "Latensi (ms)"),
]


def aset_overview():
    """Every asset with its state and counts of open incidents and bad conditions (one query)."""
    return (
        Aset.objects.select_related("keadaan")
        .annotate(
            n_insiden=Count("insiden", filter=~Q(insiden__status=Insiden.Status.DITUTUP), distinct=True),
            n_kritis=Count("kondisi", filter=Q(kondisi__tingkat=AsetStatus.Tingkat.KRITIS), distinct=True),
            n_peringatan=Count("kondisi", filter=Q(kondisi__tingkat=AsetStatus.Tingkat.PERINGATAN), distinct=True),
        )
        .only("id", "nama", "jenis", "peran", "status", "keadaan__tingkat", "keadaan__terakhir_data")
        .order_by("nama")
    )


def _assets_never_reported():
    """Assets in "tidak ada data" that have never sent a sample (a subquery); one whose agent
    went quiet keeps its history."""
    return AsetStatus.objects.filter(tingkat=AsetStatus.Tingkat.BASI, terakhir_data__isnull=True).values("aset_id")


def with_problems(queryset):
    """Monitored assets that are not "Normal": kritis, peringatan or tidak ada data (never
    evaluated counts as tidak ada data) — the rows behind state_counts' non-normal figures."""
    return (
        queryset.exclude(status=Aset.Status.NONAKTIF)
        .exclude(jenis=Aset.Jenis.MEDIA_BACKUP)
        .filter(Q(keadaan__isnull=True) | ~Q(keadaan__tingkat=AsetStatus.Tingkat.OK))
    )


def state_counts() -> dict[str, int]:
    """Assets per state for the dashboard panel; an asset never evaluated counts as stale."""
    rows = (
        Aset.objects.exclude(status=Aset.Status.NONAKTIF)
        .exclude(jenis=Aset.Jenis.MEDIA_BACKUP)
        .values("keadaan__tingkat")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(AsetStatus.Tingkat.values, 0)
    for r in rows:
        counts[r["keadaan__tingkat"] or AsetStatus.Tingkat.BASI] += r["n"]
    return counts


def _group_of(seri: str) -> str | None:
    if seri.startswith(("disk.", "inode.")):
        return "disk"
    if seri in ("ram.pct", "swap.pct"):
        return "ram"
    if seri.startswith("cpu."):
        return "cpu"
    if seri.startswith("net."):
        return "traffic"
    if seri.startswith("cek.") and seri.endswith(".ms"):
        return "latensi"
    return None


def group_of(seri: str) -> str | None:
    """The chart group a series is drawn in (``cpu``, ``disk`` …)."""
    return _group_of(seri)


FIXED_LABELS = {
    "ram.pct": "RAM terpakai",
    "swap.pct": "Swap terpakai",
    "cpu.load1": "Beban CPU (load 1 menit)",
    "cpu.pct": "CPU terpakai (%)",
}
PREFIX_LABELS = {"disk.pct:": "Disk ", "inode.pct:": "Inode ", "net.rx:": "Masuk ", "net.tx:": "Keluar "}


def series_label(seri: str) -> str:
    """The Indonesian legend of a series (``disk.pct:/data`` → ``Disk /data``)."""
    if seri in FIXED_LABELS:
        return FIXED_LABELS[seri]
    for prefix, label in PREFIX_LABELS.items():
        if seri.startswith(prefix):
            return label + seri[len(prefix) :]
    return seri


def chart_label(*, aset: Aset, seri: str) -> str:
    """The legend ``chart_data`` gives a series (a latency series is named after its check)."""
    if seri.startswith("cek.") and seri.endswith(".ms"):
        pk = seri.split(".")[1]
        nama = aset.pemeriksaan.filter(pk=int(pk)).values_list("nama", flat=True).first() if pk.isdigit() else None
        if nama:
            return f"Latensi {nama}"
    return series_label(seri)


def chart_data(*, aset: Aset, rentang: str, now: datetime | None = None) -> dict:
    """Series of one asset over a range: raw for 24 h, hourly for 7/30 days, daily for a year."""
    now = now or timezone.now()
    label, length, source = RENTANG[rentang]
    since = now - length
    if source is None:
        rows = Sampel.objects.filter(aset=aset, waktu__gte=since).values_list("seri", "waktu", "nilai")
    else:
        rows = Rollup.objects.filter(aset=aset, resolusi=source, waktu__gte=since).values_list("seri", "waktu", "rata")
    names = {f"cek.{pk}.ms": f"Latensi {nama}" for pk, nama in aset.pemeriksaan.values_list("pk", "nama")}
    series: dict[str, list] = defaultdict(list)
    for seri, waktu, nilai in rows.order_by("seri", "waktu").iterator(chunk_size=5000):
        if _group_of(seri):
            series[seri].append([int(waktu.timestamp() * 1000), round(nilai, 2)])
    groups: dict[str, list] = {g: [] for g, _ in GRUP}
    for seri, points in series.items():
        groups[_group_of(seri)].append({"label": names.get(seri) or series_label(seri), "data": points})
    return {"rentang": rentang, "label": label, "grup": groups, "judul": dict(GRUP)}


def uptime_per_month(*, months: int = 12, now: datetime | None = None) -> tuple[list, list]:
    """Uptime (%) of each connection check per month, from the daily roll-ups."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    for _ in range(months - 1):
        start = (start - timedelta(days=1)).replace(day=1)
    rows = (
        Rollup.objects.filter(resolusi=Rollup.Resolusi.HARI, waktu__gte=start, seri__regex=r"^cek\.\d+\.up$")
        .exclude(aset__in=_assets_never_reported())
        .annotate(bulan=TruncMonth("waktu"))
        .values("seri", "bulan")
        .annotate(total=Sum(F("rata") * F("jumlah")), n=Sum("jumlah"))
    )
    table: dict[str, dict] = defaultdict(dict)
    for r in rows:
        table[r["seri"]][timezone.localtime(r["bulan"]).strftime("%Y-%m")] = 100 * r["total"] / r["n"]
    month_keys = []
    cursor = start
    for _ in range(months):
        month_keys.append(cursor)
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    checks = Pemeriksaan.objects.select_related("aset").only("id", "nama", "jenis", "aset__nama")
    out = []
    for c in checks:
        values = table.get(f"cek.{c.pk}.up", {})
        out.append({"check": c, "bulan": [values.get(m.strftime("%Y-%m")) for m in month_keys]})
    return month_keys, out


# --- Figures for the Sekretariat's Laporan Kegiatan (Pasal 7(2)c) and SOP page (Pasal 12(2)d) ---


def daily_figures(*, start: date, end: date) -> dict[date, dict[str, float]]:
    """Monitoring's additive figures of each day in [start, end], for lpse.totals (two queries).

    ``uptime_total`` / ``uptime_n``: the day's connection-check roll-ups (``cek.<id>.up``), up
    samples and all samples; ``laporan``: 1 on a day with a Laporan Monitoring Harian;
    ``tanpa_laporan``: 1 on a completed working day without one.
    Every asset counts here; report_figures takes out, when it reads, the assets that never sent
    a sample (that changes with an asset's first sample, not with a day).
    """
    from django.db.models.functions import TruncDate

    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    out: dict[date, dict[str, float]] = defaultdict(dict)
    rows = (
        Rollup.objects.filter(resolusi=Rollup.Resolusi.HARI, waktu__gte=lo, waktu__lt=hi, seri__regex=r"^cek\.\d+\.up$")
        .annotate(hari=TruncDate("waktu", tzinfo=tz))
        .values_list("hari")
        .annotate(total=Sum(F("rata") * F("jumlah")), n=Sum("jumlah"))
        .order_by()
    )
    for hari, total, n in rows:
        out[hari]["uptime_total"] = total
        out[hari]["uptime_n"] = n
    reports = set(LaporanHarian.objects.filter(tanggal__gte=start, tanggal__lte=end).values_list("tanggal", flat=True))
    for day in reports:
        out[day]["laporan"] = 1
    for day, n in working_days_without(start, end, reports).items():
        out[day]["tanpa_laporan"] = n
    return dict(out)


# The models whose saves and deletes change daily_figures (lpse.totals); roll-ups are written in
# bulk and mark their days themselves (services.metrik.rollup_days).
DAILY_WATCH_FIELDS = {"LaporanHarian": ("tanggal",)}


def report_figures(*, start: date, end: date) -> dict:
    """Monitoring's figures of a period, sums of lpse.totals' running totals (``daily_figures``);
    merged into ``infrastruktur.selectors.report_figures``.

    - ``uptime_persen``: connection checks up, over all samples of the daily roll-ups of the period
      (``cek.<id>.up``, weighted by sample count; the day in progress is rolled up hourly).
    - ``hari_monitoring``: days with a Laporan Monitoring Harian (Pasal 17(1));
      ``hari_tanpa_monitoring``: completed working days of the period without one.
    """
    from lpse import totals

    day = totals.sums("monitoring", start=start, end=end)
    # Assets in "tidak ada data" that never sent a sample are left out of uptime (issue 13): their
    # check roll-ups, usually none, are taken off the running totals (one small query); without
    # samples the figure is None ("–"), never a 100 % made of nothing.
    tz = timezone.get_current_timezone()
    silent = Rollup.objects.filter(
        aset__in=_assets_never_reported(),
        resolusi=Rollup.Resolusi.HARI,
        waktu__gte=datetime.combine(start, time.min, tz),
        waktu__lt=datetime.combine(end + timedelta(days=1), time.min, tz),
        seri__regex=r"^cek\.\d+\.up$",
    ).aggregate(total=Sum(F("rata") * F("jumlah")), n=Sum("jumlah"))
    up_total = day.get("uptime_total", 0) - (silent["total"] or 0)
    up_n = day.get("uptime_n", 0) - (silent["n"] or 0)
    return {
        "uptime_persen": round(100 * up_total / up_n, 2) if up_n > 0 else None,
        "hari_monitoring": day.get("laporan", 0),
        "hari_tanpa_monitoring": day.get("tanpa_laporan", 0),
        "tautan": {
            "uptime_persen": reverse("monitoring:uptime"),
            "hari_monitoring": reverse("monitoring:laporan-list"),
            "hari_tanpa_monitoring": reverse("monitoring:laporan-list"),
        },
    }


DAILY_REPORT_TASK = "infrastruktur.tasks.daily_report"
DAILY_REPORT_GRACE = timedelta(minutes=30)  # a scheduled run may take a while to write the PDF


def daily_report_state(*, now: datetime | None = None) -> dict:
    """Where today's Laporan Monitoring Harian stands (three queries), for the panel and the list.

    ``state`` is ``ada`` (written), ``berjalan`` (a worker holds today's claim), ``diantrekan``
    (staff asked for it a moment ago), ``terlambat`` (the scheduled time plus a grace has passed
    and the schedule has run before: something is wrong) or ``terjadwal`` (not due yet; also a
    fresh install whose schedule has never run — not red before its first scheduled run).
    """
    from django.core.cache import cache
    from django_celery_beat.models import PeriodicTask

    from lpse.models import DailyRun

    from .services.laporan import request_flag_key
    from .tasks import DAILY_REPORT_LEASE, _daily_report_once

    now = now or timezone.now()
    today = timezone.localdate(now)
    laporan = LaporanHarian.objects.filter(tanggal=today).select_related("dokumen").defer("data").first()
    task = PeriodicTask.objects.filter(task=DAILY_REPORT_TASK, enabled=True).select_related("crontab").first()
    jadwal = None
    if task is not None and task.crontab is not None and task.crontab.hour.isdigit() and task.crontab.minute.isdigit():
        jadwal = time(int(task.crontab.hour), int(task.crontab.minute))
    state = "terjadwal"
    if laporan is not None and laporan.dokumen_id:
        state = "ada"
    elif DailyRun.objects.filter(
        task=_daily_report_once.daily_task_name,
        tanggal=today,
        selesai__isnull=True,
        mulai__gte=now - timedelta(seconds=DAILY_REPORT_LEASE),
    ).exists():
        state = "berjalan"
    elif pagecache.note_key(request_flag_key(today), cache.get(request_flag_key(today))):
        state = "diantrekan"
    elif jadwal is not None and task.last_run_at is not None:
        due = datetime.combine(today, jadwal, timezone.get_current_timezone()) + DAILY_REPORT_GRACE
        if now >= due:
            state = "terlambat"
    return {
        "state": state,
        "laporan": laporan if state == "ada" else None,
        "jadwal": jadwal,
        "pertama": task is not None and task.last_run_at is None,
        "sibuk": state in ("berjalan", "diantrekan"),
    }
