"""A backup whose worker died is taken over by its redelivered task (issue 11, Pasal 18 ayat 1).

The broker hands a task whose worker was SIGKILLed out again (acks_late, the
visibility timeout); run_execute then takes the run over once its lease has
expired, throws away what the dead attempt wrote, and finishes it: one
archive, one successful run.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from backup import engine, services
from backup.models import BackupRun
from lpse.celery import app
from tests.backup import support
from tests.backup.support import KEY, dir_source, pg_source, scratch_databases
from tests.lpse.brokers import CLOSED_PORT, broker_at

backup_settings = support.backup_settings
seeded_pg = support.seeded_pg

pytestmark = pytest.mark.django_db


def _dead_attempt(run: BackupRun, *, lease_left: float) -> list[Path]:
    """What a worker killed in the restore test leaves: the run "berjalan" with its
    archive, manifest and a part file written, and a scratch database."""
    started = timezone.now() - timedelta(minutes=5)
    folder = Path(settings.BACKUP_ROOT) / run.sumber.slug
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{run.sumber.slug}-{timezone.localtime(started):%Y%m%d-%H%M%S}-{run.pk}"
    files = [folder / f"{stem}.lpsebak", folder / f"{stem}.manifest.json", folder / f"{stem}.lpsebak.part"]
    for path in files:
        path.write_bytes(b"separuh")
    BackupRun.objects.filter(pk=run.pk).update(
        status=BackupRun.Status.BERJALAN,
        fase=BackupRun.Fase.VERIFIKASI,
        mulai=started,
        lease_sampai=timezone.now() + timedelta(seconds=lease_left),
        arsip=files[0].relative_to(settings.BACKUP_ROOT).as_posix(),
        sha256="a" * 64,
        ukuran=7,
    )
    admin = support._admin()
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "lpse_verifikasi_r{run.pk}_mati"')
    admin.close()
    return files


def test_redelivered_task_takes_over_a_run_whose_worker_died_in_the_restore_test(backup_settings, seeded_pg):
    run = services.run_request(source=pg_source(seeded_pg), queue=False)
    dead_files = _dead_attempt(run, lease_left=-1)

    done = services.run_execute(run_id=run.pk)

    assert done.pk == run.pk and done.status == BackupRun.Status.BERHASIL, done.pesan
    assert done.mulai > timezone.now() - timedelta(minutes=1), "the run started over"
    assert not any(p.exists() for p in dead_files), "the dead attempt's archive is discarded"
    folder = done.arsip_path.parent
    assert list(folder.glob("*.lpsebak")) == [done.arsip_path], "exactly one archive"
    assert not list(folder.glob("*.part"))
    assert engine.archive_checksum(done.arsip_path) == done.sha256
    assert not [n for n in scratch_databases() if n.startswith(f"lpse_verifikasi_r{run.pk}_")], "dropped"
    assert BackupRun.objects.filter(sumber=done.sumber).count() == 1


def test_run_whose_worker_still_holds_the_lease_is_left_alone(backup_settings, seeded_pg):
    run = services.run_request(source=pg_source(seeded_pg), queue=False)
    files = _dead_attempt(run, lease_left=60)
    try:
        same = services.run_execute(run_id=run.pk)
        assert same.status == BackupRun.Status.BERJALAN and same.mulai < timezone.now() - timedelta(minutes=4)
        assert all(p.exists() for p in files), "a live worker's files are not touched"
    finally:
        support.drop_database(f"lpse_verifikasi_r{run.pk}_mati")


def test_worker_that_wakes_after_a_takeover_cannot_finish_the_run(backup_settings, tmp_path):
    """Fencing: the attempt is named by its start time; a stalled worker's late write is ignored."""
    (tmp_path / "data").mkdir()
    run = services.run_request(source=dir_source(tmp_path / "data"), queue=False)
    stalled = timezone.now() - timedelta(minutes=5)
    BackupRun.objects.filter(pk=run.pk).update(status="berjalan", mulai=stalled, lease_sampai=timezone.now())
    successor = timezone.now()
    BackupRun.objects.filter(pk=run.pk).update(mulai=successor)

    services._progress_writer(run.pk, stalled)(BackupRun.Fase.VERIFIKASI, 99)
    run.mulai = stalled
    finished = services._run_finish(run, ok=False, message="terlambat")

    assert finished.status == BackupRun.Status.BERJALAN and finished.mulai == successor
    assert finished.bytes_selesai == 0 and finished.pesan == ""


def test_reaper_waits_for_the_redelivery_before_giving_a_run_up(backup_settings, tmp_path):
    (tmp_path / "data").mkdir()
    run = services.run_request(source=dir_source(tmp_path / "data"), queue=False)
    BackupRun.objects.filter(pk=run.pk).update(status="berjalan", lease_sampai=timezone.now() - timedelta(seconds=5))
    backup_settings.BACKUP_TAKEOVER_GRACE_SECONDS = 60
    assert services.runs_reap_stale() == 0
    backup_settings.BACKUP_TAKEOVER_GRACE_SECONDS = 0
    assert services.runs_reap_stale() == 1


# --- With real workers on Redis ------------------------------------------------------


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class _Worker:
    def __init__(self, name: str, env: dict, log: Path):
        self.log_path = log
        self.log = log.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "lpse",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "-n",
                f"{name}-{os.getpid()}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def _wait(predicate, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"Tidak terjadi dalam {timeout:.0f} detik: {what}")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_sigkilled_mid_backup_is_replaced_by_the_other_worker(backup_settings, tmp_path):
    """Pasal 18(1): the backup a dead worker began still ends, once, on the other worker."""
    data = tmp_path / "data"
    data.mkdir()
    for i in range(8):
        (data / f"berkas{i}.bin").write_bytes(os.urandom(8_000_000))
    source = dir_source(data)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _database_url(),
        "LPSE_TEST_EAGER": "0",
        "BACKUP_ROOT": str(backup_settings.BACKUP_ROOT),
        "BACKUP_ENCRYPTION_KEY": KEY,
        # Quick clocks for a test of seconds: a dead worker's lease lapses after 3 s,
        # its task comes back after 5 s.
        "BACKUP_LEASE_SECONDS": "3",
        "CELERY_VISIBILITY_TIMEOUT": "5",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    old_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()
    first = _Worker("pertama", env, tmp_path / "pertama.log")
    second = None
    try:
        from backup.tasks import backup_run_task

        run = services.run_request(source=source, queue=False)
        backup_run_task.delay(run.pk)
        _wait(
            lambda: BackupRun.objects.filter(pk=run.pk, status="berjalan", bytes_selesai__gt=0).exists(),
            timeout=60,
            what="backup berjalan di worker pertama",
            interval=0.02,
        )
        first.kill()
        killed = BackupRun.objects.get(pk=run.pk)
        assert killed.status == BackupRun.Status.BERJALAN, "killed in the middle, not after"

        second = _Worker("kedua", env, tmp_path / "kedua.log")
        _wait(
            lambda: not BackupRun.objects.filter(pk=run.pk, status__in=BackupRun.ACTIVE).exists(),
            timeout=90,
            what="backup diselesaikan worker kedua",
        )
    finally:
        first.stop()
        if second:
            second.stop()
        app.conf.task_always_eager = old_eager
    done = BackupRun.objects.get(pk=run.pk)
    assert done.status == BackupRun.Status.BERHASIL, done.pesan
    assert done.mulai > killed.mulai, "taken over, not continued"
    folder = done.arsip_path.parent
    assert list(folder.glob("*.lpsebak")) == [done.arsip_path], "exactly one archive"
    assert len(list(folder.glob("*.manifest.json"))) == 1 and not list(folder.glob("*.part"))
    assert BackupRun.objects.filter(sumber=source).count() == 1
    assert "diambil alih" in (tmp_path / "kedua.log").read_text()


def test_backup_requested_while_the_broker_is_away_fails_with_a_message(
    backup_settings, tmp_path, django_capture_on_commit_callbacks
):
    """Redis restarting: the request answers (no 500) and the source is not held for hours."""
    (tmp_path / "data").mkdir()
    source = dir_source(tmp_path / "data")
    old_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with broker_at(CLOSED_PORT), django_capture_on_commit_callbacks(execute=True):
            run = services.run_request(source=source)
    finally:
        app.conf.task_always_eager = old_eager
    run.refresh_from_db()
    assert run.status == BackupRun.Status.GAGAL and "broker Redis" in run.pesan
    assert services.run_request(source=source, queue=False).status == BackupRun.Status.ANTRI
