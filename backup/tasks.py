"""Backup tasks: thin entry points (ids in, services do the work).

Time limits are long on purpose: a 1 GB dump plus its restore test takes
minutes, and the lease, not the time limit, is what frees a stuck source.

The names stay those of before the split (``infrastruktur.backup.tasks.*``):
the django-celery-beat rows installed by infrastruktur/migrations/0002_backup_defaults
and any message already queued name the tasks so.
"""

from celery import shared_task

from lpse.schedules import once_per_day

from . import services
from .models import BackupSource


@shared_task(
    bind=True,
    name="infrastruktur.backup.tasks.backup_run_task",
    soft_time_limit=3 * 3600,
    time_limit=3 * 3600 + 300,
    # The message stays in the broker until the run ends: if the worker dies
    # (SIGKILL, a machine gone) the broker hands it out again after the
    # visibility timeout and run_execute takes the run over.
    acks_late=True,
    # Asked again while another worker's lease is alive: for as long as the
    # longest run (time_limit) in steps of the lease.
    max_retries=None,
)
def backup_run_task(self, run_id: int) -> str:
    """Run one queued backup (dump, verify, prune), or take over one whose worker died."""
    from django.conf import settings
    from django.utils import timezone

    from .models import BackupRun

    run = services.run_execute(run_id=run_id)
    if run.status == BackupRun.Status.BERJALAN and run.lease_sampai:
        # Handed out while the lease is alive: the worker may be dead but not yet
        # known so, or alive and slow. Look again just after the lease runs out.
        wait = (run.lease_sampai - timezone.now()).total_seconds() + 2
        limit = 3 * 3600 // settings.BACKUP_LEASE_SECONDS + 2
        if self.request.retries < limit:
            raise self.retry(countdown=max(wait, 1))
    return run.status


@shared_task(name="infrastruktur.backup.tasks.backup_all", soft_time_limit=300, time_limit=360)
@once_per_day(lease_seconds=360, skipped=[])  # a second beat by mistake must not start a second backup
def backup_all() -> list[int]:
    """Daily at 01:00 WIB: queue a backup of every active source (Pasal 18(1))."""
    from django.core.exceptions import ValidationError

    services.runs_reap_stale()
    queued = []
    for source in BackupSource.objects.filter(aktif=True):
        try:
            queued.append(services.run_request(source=source).pk)
        except ValidationError:
            continue  # still running from before; its lock says so
    return queued


@shared_task(name="infrastruktur.backup.tasks.backup_reap_stale", soft_time_limit=120, time_limit=180)
def backup_reap_stale() -> int:
    """Give up runs whose worker died (expired lease) so their source is free again."""
    return services.runs_reap_stale()


@shared_task(
    name="infrastruktur.backup.tasks.backup_recheck_retained", soft_time_limit=6 * 3600, time_limit=6 * 3600 + 300
)
def backup_recheck_retained() -> dict:
    """Weekly: re-check the checksum of every retained archive (bit rot)."""
    return services.runs_recheck_retained()
