"""Retention (grandfather-father-son) and the policy that sets it."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import BackupPolicy, BackupRun, BackupSource, PruneLog
from .common import logger

# --- Retention (grandfather-father-son) ------------------------------------------


def retention_keep(*, runs: list[BackupRun], policy: BackupPolicy) -> set[int]:
    """Ids to keep among successful runs (newest first): N daily, weekly and monthly, plus the last good one."""
    keep: set[int] = set()
    last_good = next((r for r in runs if r.cek_ulang_ok is not False), None)
    if last_good:
        keep.add(last_good.pk)
    buckets = (
        (policy.harian, lambda d: d.date()),
        (policy.mingguan, lambda d: d.isocalendar()[:2]),
        (policy.bulanan, lambda d: (d.year, d.month)),
    )
    for count, bucket in buckets:
        seen: set = set()
        for run in runs:
            slot = bucket(timezone.localtime(run.mulai))
            if slot in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(slot)
            keep.add(run.pk)
    return keep


def retention_prune(*, source: BackupSource, now=None) -> list[PruneLog]:
    """Delete archives outside the policy; the last successful verified backup is never deleted."""
    now = now or timezone.now()
    policy = BackupPolicy.current()
    with transaction.atomic():
        BackupSource.objects.select_for_update().get(pk=source.pk)
        good = list(
            BackupRun.objects.filter(sumber=source, status=BackupRun.Status.BERHASIL, dipangkas_pada=None).order_by(
                "-mulai"
            )
        )
        keep = retention_keep(runs=good, policy=policy)
        doomed = [r for r in good if r.pk not in keep]
        reason = f"Di luar retensi {policy.harian} harian / {policy.mingguan} mingguan / {policy.bulanan} bulanan"
        # Archives of failed runs are kept for inspection as long as the daily window.
        cutoff = now - timedelta(days=policy.harian)
        failed = list(
            BackupRun.objects.filter(
                sumber=source, status=BackupRun.Status.GAGAL, dipangkas_pada=None, dibuat__lt=cutoff
            ).exclude(arsip="")
        )
        logs = []
        for run, why in [(r, reason) for r in doomed] + [
            (r, "Arsip backup gagal, melewati masa simpan") for r in failed
        ]:
            for path in (run.arsip_path, run.manifest_path):
                path.unlink(missing_ok=True)
            run.dipangkas_pada = now
            run.save(update_fields=["dipangkas_pada"])
            logs.append(PruneLog.objects.create(run=run, arsip=run.arsip, sha256=run.sha256, alasan=why))
            logger.info("Retensi: arsip %s dihapus (%s)", run.arsip, why)
    return logs


@transaction.atomic
def policy_update(*, policy: BackupPolicy) -> BackupPolicy:
    policy.full_clean()
    policy.save()
    return policy
