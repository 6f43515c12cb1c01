"""Retention, grandfather-father-son (issue 6): 7 daily, 4 weekly, 12 monthly; the last good backup stays."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backup import services
from backup.models import BackupPolicy, BackupRun, BackupSource, PruneLog
from tests.backup import support

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
backup_settings = support.backup_settings


def _good_run(source, when, **fields):
    run = BackupRun.objects.create(
        sumber=source,
        status=fields.pop("status", "berhasil"),
        verifikasi_ok=True,
        sha256="b" * 64,
        arsip=f"{source.slug}/{source.slug}-{when:%Y%m%d-%H%M%S}-x.lpsebak",
        mulai=when,
        selesai=when,
        **fields,
    )
    BackupRun.objects.filter(pk=run.pk).update(dibuat=when)
    run.arsip_path.parent.mkdir(parents=True, exist_ok=True)
    run.arsip_path.write_bytes(b"arsip")
    run.manifest_path.write_text("{}")
    return run


@pytest.fixture
def source():
    return BackupSource.objects.create(nama="SPSE", slug="spse", jenis="direktori", path="/srv/spse")


def test_gfs_keeps_7_daily_4_weekly_12_monthly_and_logs_the_rest(backup_settings, source):
    """One backup a day at 01:00 WIB for 400 days up to Thursday 26 November 2026: the kept set is
    known day by day. Each tier adds days the others do not, so dropping any tier fails the test."""
    start = datetime(2026, 11, 26, 1, 0, tzinfo=WIB)
    runs = [_good_run(source, start - timedelta(days=d)) for d in range(400)]
    logs = services.retention_prune(source=source, now=start)
    kept = BackupRun.objects.filter(sumber=source, dipangkas_pada=None)
    kept_dates = {r.mulai.astimezone(WIB).date() for r in kept}
    daily = {date(2026, 11, d) for d in range(20, 27)}  # the 7 newest days, 20–26 Nov
    # The newest backup of each of the 4 newest ISO weeks: weeks 48 (26 Nov, already daily),
    # 47 (Sunday 22 Nov, already daily), 46 (Sunday 15 Nov) and 45 (Sunday 8 Nov).
    weekly_only = {date(2026, 11, 15), date(2026, 11, 8)}
    # The newest backup of each of the 12 newest months: November (26 Nov, already daily) back to December 2025.
    monthly_only = {
        date(2026, 10, 31),
        date(2026, 9, 30),
        date(2026, 8, 31),
        date(2026, 7, 31),
        date(2026, 6, 30),
        date(2026, 5, 31),
        date(2026, 4, 30),
        date(2026, 3, 31),
        date(2026, 2, 28),
        date(2026, 1, 31),
        date(2025, 12, 31),
    }
    assert kept_dates == daily | weekly_only | monthly_only
    assert kept.count() == 20
    assert len(logs) == 380 == PruneLog.objects.count()
    assert "7 harian / 4 mingguan / 12 bulanan" in logs[0].alasan
    pruned = BackupRun.objects.filter(sumber=source).exclude(dipangkas_pada=None).first()
    assert not pruned.arsip_path.exists() and not pruned.manifest_path.exists()
    assert runs[0].arsip_path.exists()


def test_retention_never_removes_the_last_good_backup(backup_settings, source):
    policy = BackupPolicy.current()
    policy.harian, policy.mingguan, policy.bulanan = 1, 0, 0
    policy.save()
    now = datetime(2026, 11, 26, 1, 0, tzinfo=WIB)
    old_good = _good_run(source, now - timedelta(days=90))
    rotten = _good_run(source, now - timedelta(days=1), cek_ulang_ok=False)
    services.retention_prune(source=source, now=now)
    old_good.refresh_from_db()
    rotten.refresh_from_db()
    # The newest one failed its weekly re-check, so the older verified one is the last good backup.
    assert old_good.dipangkas_pada is None and old_good.arsip_path.exists()
    assert rotten.dipangkas_pada is None  # inside the 1-day window


def test_a_single_old_backup_is_kept_whatever_the_policy(backup_settings, source):
    policy = BackupPolicy.current()
    policy.harian, policy.mingguan, policy.bulanan = 1, 0, 0
    policy.save()
    now = datetime(2026, 11, 26, 1, 0, tzinfo=WIB)
    only = _good_run(source, now - timedelta(days=400))
    assert services.retention_prune(source=source, now=now) == []
    only.refresh_from_db()
    assert only.dipangkas_pada is None


def test_failed_archives_are_pruned_after_the_daily_window(backup_settings, source):
    now = datetime(2026, 11, 26, 1, 0, tzinfo=WIB)
    _good_run(source, now)
    failed = BackupRun.objects.create(sumber=source, status="gagal", sha256="c" * 64, arsip="spse/rusak.lpsebak")
    BackupRun.objects.filter(pk=failed.pk).update(dibuat=now - timedelta(days=8))
    failed.arsip_path.write_bytes(b"rusak")
    logs = services.retention_prune(source=source, now=now)
    assert [log.run_id for log in logs] == [failed.pk]
    assert not failed.arsip_path.exists()


def test_successful_run_prunes_its_source(backup_settings, seeded_pg):
    source = support.pg_source(seeded_pg)
    policy = BackupPolicy.current()
    policy.harian, policy.mingguan, policy.bulanan = 1, 0, 0
    policy.save()
    old = _good_run(source, datetime(2026, 1, 1, 1, 0, tzinfo=WIB))
    run = services.run_execute(run_id=services.run_request(source=source, queue=False).pk)
    assert run.status == "berhasil", run.pesan
    old.refresh_from_db()
    assert old.dipangkas_pada is not None
    assert PruneLog.objects.filter(run=old).exists()


seeded_pg = support.seeded_pg
