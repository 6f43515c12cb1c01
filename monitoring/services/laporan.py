"""The Laporan Monitoring Harian (Pasal 17(1)): every morning, per server,
disk and RAM now and their 24-hour peaks, days until each disk is full,
stale agents, connection uptime and TLS expiry; a numbered PDF and a mail to
the Bidang. One report per day, however often the task runs."""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Avg, Max
from django.utils import timezone

from infrastruktur.models import Aset, Insiden
from lpse.documents import dokumen_issue
from lpse.mail import queue_email

from ..models import AsetStatus, Kondisi, LaporanHarian, Pemeriksaan, Sampel
from . import evaluasi


def laporan_data(*, now: datetime) -> dict:
    """The figures of the report, as plain JSON-able data."""
    asets = list(
        Aset.objects.exclude(status=Aset.Status.NONAKTIF)
        .exclude(jenis=Aset.Jenis.MEDIA_BACKUP)
        .select_related("keadaan")
        .order_by("nama")
    )
    ids = [a.pk for a in asets]
    since = now - timedelta(hours=24)
    peaks: dict[int, dict[str, float]] = defaultdict(dict)
    for r in (
        Sampel.objects.filter(aset_id__in=ids, waktu__gte=since, waktu__lte=now)
        .filter(seri__regex=r"^disk\.pct:|^ram\.pct$|^cek\.\d+\.up$")
        .values("aset_id", "seri")
        .annotate(maks=Max("nilai"), rata=Avg("nilai"))
    ):
        peaks[r["aset_id"]][r["seri"]] = r["rata"] if r["seri"].endswith(".up") else r["maks"]
    latest = evaluasi.last_values(aset_ids=ids, now=now)
    tls_latest: dict[str, float] = {}
    for seri, nilai in (
        Sampel.objects.filter(aset_id__in=ids, seri__endswith=".tls", waktu__gte=since)
        .order_by("waktu")
        .values_list("seri", "nilai")
    ):
        tls_latest[seri] = nilai
    checks = defaultdict(list)
    for c in Pemeriksaan.objects.filter(aset_id__in=ids, aktif=True).order_by("nama"):
        checks[c.aset_id].append(c)
    rows = []
    labels = dict(AsetStatus.Tingkat.choices)
    for aset in asets:
        now_vals, peak = latest.get(aset.pk, {}), peaks.get(aset.pk, {})
        if aset.jenis != Aset.Jenis.SERVER and not (now_vals or peak or checks.get(aset.pk)):
            continue  # a UPS or AC without sensors has nothing to report here
        evaluasi.evaluate_aset(aset=aset, now=now)
        forecast = evaluasi.evaluate_forecast(aset=aset, now=now)
        mounts = sorted({s.split(":", 1)[1] for s in [*now_vals, *peak] if s.startswith("disk.pct:")})
        keadaan = getattr(aset, "keadaan", None)
        rows.append(
            {
                "id": aset.pk,
                "nama": aset.nama,
                "tingkat": (tingkat := evaluasi.status_refresh(aset=aset, now=now)),
                "tingkat_label": labels[tingkat],
                "terakhir_data": keadaan.terakhir_data.isoformat() if keadaan and keadaan.terakhir_data else None,
                "disk": [
                    {
                        "mount": m,
                        "sekarang": now_vals.get(f"disk.pct:{m}"),
                        "puncak": peak.get(f"disk.pct:{m}"),
                        "hari_penuh": forecast.get(m),
                    }
                    for m in mounts
                ],
                "ram": {"sekarang": now_vals.get("ram.pct"), "puncak": peak.get("ram.pct")},
                "cek": [
                    {
                        "nama": c.nama,
                        "jenis": c.get_jenis_display(),
                        "uptime": None if peak.get(f"cek.{c.pk}.up") is None else 100 * peak[f"cek.{c.pk}.up"],
                        "tls_hari": tls_latest.get(f"cek.{c.pk}.tls"),
                    }
                    for c in checks.get(aset.pk, [])
                ],
            }
        )
    stale = set(
        Kondisi.objects.filter(aset_id__in=ids, kode="basi", tingkat=AsetStatus.Tingkat.BASI).values_list(
            "aset_id", flat=True
        )
    )
    return {
        "dibuat": now.isoformat(),
        "aset": rows,
        "basi": [r["nama"] for r in rows if r["id"] in stale],
        "insiden_terbuka": Insiden.objects.exclude(status=Insiden.Status.DITUTUP).count(),
    }


def laporan_harian_buat(*, tanggal: date | None = None, now: datetime | None = None) -> LaporanHarian:
    """Write the day's report once: a second run for the same day returns the first.

    The row is locked while the report is written, so two workers running
    the task at once still leave one report and one document number.
    """
    now = now or timezone.now()
    tanggal = tanggal or timezone.localdate(now)
    LaporanHarian.objects.get_or_create(tanggal=tanggal)
    with transaction.atomic():
        laporan = LaporanHarian.objects.select_for_update().get(tanggal=tanggal)
        if laporan.dokumen_id:
            return laporan
        laporan.data = laporan_data(now=now)
        laporan.save(update_fields=["data"])
        dokumen = dokumen_issue(
            kode="MON",
            jenis="Laporan Monitoring Harian",
            perihal=f"Laporan Monitoring Harian {tanggal:%d-%m-%Y}",
            template="monitoring/dokumen_laporan_harian.html",
            context={"laporan": laporan, "data": laporan.data, "tanggal": tanggal},
            when=now,
        )
        laporan.dokumen = dokumen
        laporan.save(update_fields=["dokumen"])
        lines = [f"Laporan Monitoring Harian {tanggal:%d-%m-%Y} ({dokumen.nomor}).", ""]
        for row in laporan.data["aset"]:
            lines.append(f"- {row['nama']}: {row['tingkat']}")
        lines += ["", f"Insiden terbuka: {laporan.data['insiden_terbuka']}.", "PDF tersedia di portal."]
        queue_email(
            subject=f"[LPSE] Laporan Monitoring Harian {tanggal:%d-%m-%Y}",
            body="\n".join(lines),
            recipients=evaluasi.bidang_emails(),
        )
    return laporan


REQUEST_FLAG_SECONDS = 15 * 60  # how long "diantrekan" shows before the worker claims the run


def request_flag_key(tanggal: date) -> str:
    return f"monitoring:laporan-harian:diminta:{tanggal.isoformat()}"


def laporan_harian_request(*, now: datetime | None = None) -> str:
    """Queue today's report now (staff, from the report list) instead of waiting for 07:00.

    Returns what happened: ``"ada"`` (today's report exists, nothing queued) or ``"diantrekan"``.
    Asking twice is harmless: the task claims (task, date) in ``DailyRun`` and
    ``laporan_harian_buat`` keeps one report per day, so a second run returns the first.
    """
    from django.core.cache import cache

    from ..tasks import daily_report

    now = now or timezone.now()
    tanggal = timezone.localdate(now)
    if LaporanHarian.objects.filter(tanggal=tanggal, dokumen__isnull=False).exists():
        return "ada"
    cache.set(request_flag_key(tanggal), now.isoformat(), REQUEST_FLAG_SECONDS)
    transaction.on_commit(daily_report.delay)
    return "diantrekan"
