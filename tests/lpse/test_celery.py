"""Tasks through a real Celery worker on Redis, and the outbox when things fail.

The worker test starts ``celery -A lpse worker --pool=solo`` on the test
database and this run's Redis broker; it is always stopped by the fixture's
finalizer, pass or fail.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from lpse.celery import app
from lpse.mail import queue_email
from lpse.models import EmailOutbox, Heartbeat
from lpse.tasks import flush_outbox, heartbeat
from tests.lpse.brokers import CLOSED_PORT, broker_at

BASE_DIR = Path(settings.BASE_DIR)


def _wait_for(predicate, timeout: float = 45, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError(f"Tidak terjadi dalam {timeout} detik: {what}")


@pytest.fixture
def not_eager():
    """Send tasks to the broker instead of running them in this process."""
    old = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = old


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path, not_eager):
    """A real worker on the test database; yields the folder it writes mail to."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    app.control.purge()  # leftovers of an aborted run must not run against this database
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _test_database_url(),
        "LPSE_TEST_EAGER": "0",
        "LPSE_TEST_EMAIL_DIR": str(mail_dir),
        "PYTHONPATH": str(BASE_DIR),
    }
    log = (tmp_path / "worker.log").open("w")
    proc = subprocess.Popen(
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
            f"uji-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def stop():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        log.close()

    try:
        yield mail_dir
    finally:
        stop()


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{host}:{port}/{connection.settings_dict['NAME']}"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_heartbeat_and_sends_outbox_mail(celery_worker_process):
    heartbeat.delay()
    with transaction.atomic():
        queued = queue_email(
            subject="Pendaftaran diterima", body="Akun SPSE Anda aktif.", recipients=["joni@cv-sinar.example"]
        )
    _wait_for(lambda: Heartbeat.objects.filter(name="worker").exists(), what="detak worker")
    _wait_for(lambda: EmailOutbox.objects.get(pk=queued.pk).terkirim is not None, what="email outbox terkirim")
    files = list(celery_worker_process.iterdir())
    assert len(files) == 1
    written = files[0].read_text()
    assert "Subject: Pendaftaran diterima" in written
    assert "To: joni@cv-sinar.example" in written
    assert EmailOutbox.objects.get(pk=queued.pk).percobaan == 1


def test_queue_email_in_rolled_back_transaction_leaves_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        queue_email(subject="Tidak jadi", body="…", recipients=["a@contoh.id"])
        raise RuntimeError("perubahan dibatalkan")
    assert callbacks == []
    assert not EmailOutbox.objects.exists()
    assert mail.outbox == []


def test_queue_email_sends_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_email(subject="Jadi", body="Isi.", recipients=["b@contoh.id", "a@contoh.id", ""])
        assert mail.outbox == []  # nothing leaves before the commit
    assert [m.to for m in mail.outbox] == [["a@contoh.id", "b@contoh.id"]]
    queued.refresh_from_db()
    assert queued.terkirim is not None


@pytest.mark.django_db(transaction=True)
def test_broker_outage_leaves_the_row_for_flush_outbox(not_eager):
    with broker_at(CLOSED_PORT), transaction.atomic():
        queued = queue_email(subject="Tiket dijawab", body="Lihat portal.", recipients=["c@contoh.id"])
    queued.refresh_from_db()
    assert queued.terkirim is None  # the request did not fail; the mail waits
    assert mail.outbox == []
    app.conf.task_always_eager = True
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert flush_outbox() == 1
    queued.refresh_from_db()
    assert queued.terkirim is not None
    assert [m.subject for m in mail.outbox] == ["Tiket dijawab"]


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free now, and nothing listens on it


@pytest.mark.django_db(transaction=True)
def test_smtp_outage_is_recorded_on_the_row_and_flush_sends_later(settings):
    from lpse.mail import outbox_send

    mail_row = EmailOutbox.objects.create(subjek="Akun SPSE aktif", isi="…", penerima=["d@contoh.id"])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    with pytest.raises(OSError):
        outbox_send(mail_id=mail_row.pk)
    mail_row.refresh_from_db()
    assert (mail_row.terkirim, mail_row.percobaan) == (None, 1)
    assert mail_row.galat_terakhir.startswith("ConnectionRefusedError:")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert flush_outbox() == 1
    mail_row.refresh_from_db()
    assert mail_row.terkirim is not None and mail_row.percobaan == 2
    assert [m.subject for m in mail.outbox] == ["Akun SPSE aktif"]
