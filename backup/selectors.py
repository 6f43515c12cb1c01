"""Reads shared by the backup pages and the dashboard panel; a fixed number of queries each."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from .models import BackupPolicy, BackupRun, BackupSource, MediaBackup, MediaCopy


def sources_with_runs() -> list[BackupSource]:
    """Every source with ``last_run``, ``last_good`` and ``active_run`` attached (three queries)."""
    runs = BackupRun.objects.filter(sumber=OuterRef("pk")).order_by("-dibuat").values("pk")[:1]
    good = (
        BackupRun.objects.filter(sumber=OuterRef("pk"), status=BackupRun.Status.BERHASIL, dipangkas_pada=None)
        .exclude(cek_ulang_ok=False)
        .order_by("-mulai")
        .values("pk")[:1]
    )
    sources = list(BackupSource.objects.annotate(last_run_id=Subquery(runs), last_good_id=Subquery(good)))
    ids = {s.last_run_id for s in sources} | {s.last_good_id for s in sources}
    by_id = BackupRun.objects.in_bulk([i for i in ids if i])
    now = timezone.now()
    for source in sources:
        source.last_run = by_id.get(source.last_run_id)
        source.last_good = by_id.get(source.last_good_id)
        source.active_run = source.last_run if source.last_run and source.last_run.is_active else None
        source.last_good_age_days = (now - source.last_good.selesai).days if source.last_good else None
        source.stale = source.last_good is None or source.last_good_age_days >= 2
        source.last_failed = bool(source.last_run and source.last_run.status == BackupRun.Status.GAGAL)
    return sources


def recent_runs():
    return BackupRun.objects.select_related("sumber", "dimulai_oleh").defer("manifest")


def offsite_status(policy: BackupPolicy | None = None) -> dict:
    """The Pasal 18(2) rule: a verified copy off-site within N days, and no medium whose latest copy failed."""
    policy = policy or BackupPolicy.current()
    last_ok = MediaCopy.objects.filter(status=MediaCopy.Status.BERHASIL).order_by("-disalin_pada").first()
    latest = MediaCopy.objects.filter(medium=OuterRef("pk")).order_by("-disalin_pada").values("status")[:1]
    failed_media = list(
        MediaBackup.objects.annotate(latest_status=Subquery(latest))
        .filter(latest_status=MediaCopy.Status.GAGAL)
        .values_list("label", flat=True)
    )
    days = (timezone.now() - last_ok.disalin_pada).days if last_ok else None
    overdue = days is None or days >= policy.hari_offsite
    return {
        "last_copy": last_ok,
        "days": days,
        "limit": policy.hari_offsite,
        "overdue": overdue,
        "failed_media": failed_media,
        "broken": overdue or bool(failed_media),
    }


def media_with_latest_copy() -> list[MediaBackup]:
    latest = MediaCopy.objects.filter(medium=OuterRef("pk")).order_by("-disalin_pada")
    return list(
        MediaBackup.objects.select_related("aset").annotate(
            latest_copy_at=Subquery(latest.values("disalin_pada")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
            latest_location=Subquery(latest.values("lokasi_simpan")[:1]),
        )
    )


def media_copies():
    return MediaCopy.objects.select_related("medium", "disalin_oleh", "berita_acara")


def daily_figures(*, start: date, end: date) -> dict[date, dict[str, int]]:
    """Backup's additive figures of each day in [start, end], for lpse.totals (two queries):
    ``dibuat`` runs finished that day that wrote an archive, ``terverifikasi`` those whose
    restore test passed; ``salinan`` verified copies to a medium made that day."""
    from collections import defaultdict

    from django.db.models.functions import TruncDate

    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    out: dict[date, dict[str, int]] = defaultdict(dict)
    runs = (
        BackupRun.objects.filter(selesai__gte=lo, selesai__lt=hi)
        .exclude(sha256="")
        .annotate(hari=TruncDate("selesai", tzinfo=tz))
        .values_list("hari")
        .annotate(dibuat=Count("id"), terverifikasi=Count("id", filter=Q(verifikasi_ok=True)))
        .order_by()
    )
    for hari, dibuat, terverifikasi in runs:
        out[hari].update(dibuat=dibuat, terverifikasi=terverifikasi)
    copies = (
        MediaCopy.objects.filter(status=MediaCopy.Status.BERHASIL, disalin_pada__gte=lo, disalin_pada__lt=hi)
        .annotate(hari=TruncDate("disalin_pada", tzinfo=tz))
        .values_list("hari")
        .annotate(n=Count("id"))
        .order_by()
    )
    for hari, n in copies:
        out[hari]["salinan"] = n
    return dict(out)


# The models whose saves and deletes change daily_figures (lpse.totals).
DAILY_WATCH_FIELDS = {"BackupRun": ("selesai",), "MediaCopy": ("disalin_pada",)}


def report_figures(*, start: date, end: date) -> dict:
    """Backup figures of a period (sums of lpse.totals' running totals, ``daily_figures``, and the
    latest good copy); merged into ``infrastruktur.selectors.report_figures``.

    - ``backup_dibuat``: backup runs finished in the period that wrote an archive (Pasal 18(1));
      ``backup_terverifikasi``: those whose restore test passed; ``backup_belum_terverifikasi``: the rest.
    - ``salinan_offsite``: verified copies to a medium kept away from the server room (Pasal 18(2));
      ``hari_sejak_offsite``: days from the last such copy to the end of the period (or now, if sooner).
    """
    from lpse import totals

    tz = timezone.get_current_timezone()
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    at = min(hi, timezone.now())
    day = totals.sums("backup", start=start, end=end)
    # Verified copies are few (about one a week): the latest good one is one small query.
    last = (
        MediaCopy.objects.filter(status=MediaCopy.Status.BERHASIL, disalin_pada__lt=at)
        .order_by("-disalin_pada")
        .values_list("disalin_pada", flat=True)
        .first()
    )
    backup_url = reverse("backup:index")
    media_url = reverse("backup:media")
    dibuat, terverifikasi = day.get("dibuat", 0), day.get("terverifikasi", 0)
    return {
        "backup_dibuat": dibuat,
        "backup_terverifikasi": terverifikasi,
        "backup_belum_terverifikasi": dibuat - terverifikasi,
        "salinan_offsite": day.get("salinan", 0),
        "hari_sejak_offsite": (at - last).days if last else None,
        "tautan": {
            "backup_dibuat": backup_url,
            "backup_terverifikasi": backup_url,
            "backup_belum_terverifikasi": backup_url,
            "salinan_offsite": media_url,
            "hari_sejak_offsite": media_url,
        },
    }
