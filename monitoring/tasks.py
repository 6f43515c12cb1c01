"""Celery entry points of monitoring; each calls one service.

The names stay those of before the split (``infrastruktur.tasks.*``): the
django-celery-beat rows installed by infrastruktur/migrations/0002_roles_jadwal
and any message already queued name the tasks so.
"""

from celery import shared_task

from lpse.schedules import once_per_day


@shared_task(name="infrastruktur.tasks.collect_local", soft_time_limit=60, time_limit=90)
def collect_local() -> int:
    """Every 5 minutes (beat): this host's disk, inode, RAM, swap, CPU and traffic (Pasal 17(1)–(2))."""
    from .services.metrik import metrik_collect_local

    return metrik_collect_local()


@shared_task(name="infrastruktur.tasks.run_checks", soft_time_limit=50, time_limit=58)
def run_checks() -> int:
    """Every minute: the connection checks that are due (Pasal 17(3))."""
    from .services.cek import pemeriksaan_run_due

    return pemeriksaan_run_due()


@shared_task(name="infrastruktur.tasks.evaluate", soft_time_limit=50, time_limit=58)
def evaluate() -> int:
    """Every minute: thresholds, stale agents, incident opening and closing."""
    from .services.evaluasi import evaluate_all

    return evaluate_all()


@shared_task(name="infrastruktur.tasks.rollup_hourly", soft_time_limit=600, time_limit=700)
def rollup_hourly() -> dict:
    """Every hour: roll up the last hours, so the 7- and 30-day charts stay fresh."""
    from .services.metrik import rollup_and_prune as run

    return run(prune=False)


@shared_task(name="infrastruktur.tasks.rollup_and_prune", soft_time_limit=1800, time_limit=2000)
def rollup_and_prune() -> dict:
    """Nightly: roll-ups, then retention (raw 30 days, hourly 2 years, daily forever)."""
    from .services.metrik import rollup_and_prune as run

    return run()


@shared_task(name="infrastruktur.tasks.daily_report", soft_time_limit=600, time_limit=700)
def daily_report() -> int:
    """07:00 WIB, or now from /staf/infrastruktur/laporan/: the Laporan Monitoring Harian
    (Pasal 17(1)); one per day however often it is queued (the ``DailyRun`` claim, then the row lock)."""
    from .models import LaporanHarian

    pk = _daily_report_once()
    if pk is None:  # claimed already today: the report of the day (written, or being written)
        from django.utils import timezone

        pk = LaporanHarian.objects.filter(tanggal=timezone.localdate()).values_list("pk", flat=True).first()
    return pk


DAILY_REPORT_LEASE = 700  # the task's hard time limit: a claim older than that belongs to a dead worker


@once_per_day(lease_seconds=DAILY_REPORT_LEASE, skipped=None)
def _daily_report_once() -> int:
    from .services.laporan import laporan_harian_buat

    return laporan_harian_buat().pk


@shared_task(name="monitoring.tasks.rekomendasi_upgrade", soft_time_limit=300, time_limit=360)
@once_per_day(lease_seconds=360, skipped={})
def rekomendasi_upgrade() -> dict:
    """06:30 WIB: upgrade recommendations from the daily roll-ups (Pasal 17(5)); idempotent per day."""
    from .services.upgrade import rekomendasi_refresh

    return rekomendasi_refresh()
