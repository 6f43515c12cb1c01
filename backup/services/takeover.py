"""Leases of running backups: stale runs are released and taken over, and the lease is renewed while a run lives."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from .. import engine
from ..engine import BackupError
from ..models import BackupRun, BackupSource
from .common import logger
from .notify import _notify_failure
from .sources import verify_server_for

# --- Runs --------------------------------------------------------------------------


def _release_stale(run: BackupRun, *, now) -> None:
    """A run whose lease expired: its worker died. Mark it failed and remove its half-written file."""
    reason = (
        "Backup tidak pernah dijalankan worker (antrian kedaluwarsa)."
        if run.status == BackupRun.Status.ANTRI
        else "Proses backup terhenti di tengah jalan (worker mati atau dihentikan); arsip tidak dipakai."
    )
    run.status = BackupRun.Status.GAGAL
    run.selesai = now
    run.pesan = reason
    run.lease_sampai = None
    run.save(update_fields=["status", "selesai", "pesan", "lease_sampai"])
    for path in _partial_files(run):
        path.unlink(missing_ok=True)
    if run.sumber.jenis in (BackupSource.Jenis.PORTAL_DB, BackupSource.Jenis.POSTGRES):
        try:
            engine.drop_scratch_databases(server=verify_server_for(run.sumber), run_id=run.pk)
        except (BackupError, ValidationError):
            logger.warning("Basis data uji sisa backup #%s tidak dapat dihapus", run.pk)
    _notify_failure(run)


def _partial_files(run: BackupRun) -> list[Path]:
    folder = Path(settings.BACKUP_ROOT) / run.sumber.slug
    if not folder.is_dir():
        return []
    return list(folder.glob(f"*-{run.pk}.*.part"))


def _attempt_files(run: BackupRun) -> list[Path]:
    """Everything an earlier attempt at this run wrote: half-written parts, and an
    archive and manifest written before the worker died in the restore test."""
    folder = Path(settings.BACKUP_ROOT) / run.sumber.slug
    if not folder.is_dir():
        return []
    return list(folder.glob(f"{run.sumber.slug}-*-{run.pk}.*"))


def _abandoned(run: BackupRun, *, now) -> bool:
    """The run's worker is gone and no redelivered task will take it over any more.

    A queued run's lease is the queue's; a running run's lease is renewed while
    its worker lives, and after it expires the broker still hands the task out
    again (visibility timeout) for run_execute to take over: only after
    BACKUP_TAKEOVER_GRACE_SECONDS more is the run given up.
    """
    if not run.lease_sampai:
        return False
    if run.status == BackupRun.Status.BERJALAN:
        return run.lease_sampai < now - timedelta(seconds=settings.BACKUP_TAKEOVER_GRACE_SECONDS)
    return run.lease_sampai < now


def runs_reap_stale(*, now=None) -> int:
    """Fail every run whose lease has expired (the lock that survives a worker crash)."""
    now = now or timezone.now()
    count = 0
    for run_id in BackupRun.objects.filter(status__in=BackupRun.ACTIVE, lease_sampai__lt=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            run = (
                BackupRun.objects.select_for_update()
                .select_related("sumber")
                .filter(pk=run_id, status__in=BackupRun.ACTIVE, lease_sampai__lt=now)
                .first()
            )
            if run and _abandoned(run, now=now):
                _release_stale(run, now=now)
                count += 1
    return count


def _progress_writer(run_id: int, mulai):
    # ``mulai`` fences the attempt: a worker presumed dead that wakes up after a
    # takeover no longer renews (or finishes) the run of its successor.
    def progress(phase: str, done: int) -> None:
        BackupRun.objects.filter(pk=run_id, status=BackupRun.Status.BERJALAN, mulai=mulai).update(
            fase=phase,
            bytes_selesai=done,
            lease_sampai=timezone.now() + timedelta(seconds=settings.BACKUP_LEASE_SECONDS),
        )

    return progress


class _LeaseKeeper(threading.Thread):
    """Renews the run's lease while this process lives, also through long silent phases
    (index builds of pg_restore). A killed worker stops renewing, and the lease expires."""

    def __init__(self, run_id: int, mulai=None):
        super().__init__(daemon=True, name=f"backup-lease-{run_id}")
        self.run_id = run_id
        self.mulai = mulai
        self.stopped = threading.Event()

    def run(self):
        mine = {"mulai": self.mulai} if self.mulai else {}
        try:
            while not self.stopped.wait(max(settings.BACKUP_LEASE_SECONDS / 4, 1)):
                BackupRun.objects.filter(pk=self.run_id, status=BackupRun.Status.BERJALAN, **mine).update(
                    lease_sampai=timezone.now() + timedelta(seconds=settings.BACKUP_LEASE_SECONDS)
                )
        except Exception:  # the next progress write renews the lease anyway
            logger.warning("Lease backup #%s tidak dapat diperbarui", self.run_id, exc_info=True)
        finally:
            connection.close()


def _run_take_over(*, run_id: int, now, fresh: dict) -> bool:
    """Claim a running run whose worker stopped renewing its lease; discard that attempt's files."""
    with transaction.atomic():
        run = (
            BackupRun.objects.select_for_update()
            .select_related("sumber")
            .filter(pk=run_id, status=BackupRun.Status.BERJALAN, lease_sampai__lt=now)
            .first()
        )
        if run is None:
            return False
        logger.warning("Backup #%s diambil alih: worker sebelumnya berhenti di fase %s", run.pk, run.fase)
        BackupRun.objects.filter(pk=run.pk).update(
            **fresh, bytes_selesai=0, arsip="", ukuran=None, sha256="", manifest={}, verifikasi_ok=None
        )
    for path in _attempt_files(run):
        path.unlink(missing_ok=True)
    if run.sumber.jenis in (BackupSource.Jenis.PORTAL_DB, BackupSource.Jenis.POSTGRES):
        try:
            engine.drop_scratch_databases(server=verify_server_for(run.sumber), run_id=run.pk)
        except (BackupError, ValidationError):
            logger.warning("Basis data uji sisa backup #%s tidak dapat dihapus", run.pk)
    return True
