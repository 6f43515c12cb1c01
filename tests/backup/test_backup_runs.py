"""Backup runs and their verification on real PostgreSQL (issue 6, Perbup Karo 02/2017 Pasal 18 ayat 1)."""

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from backup import crypto, engine, services
from backup.models import BackupRun, BackupSource
from lpse import roles
from lpse.models import EmailOutbox
from tests.backup import support
from tests.backup.support import KEY, OTHER_KEY, dir_source, pg_source, scratch_databases

backup_settings = support.backup_settings
seeded_pg = support.seeded_pg

pytestmark = pytest.mark.django_db


def _run(source):
    run = services.run_request(source=source, queue=False)
    return services.run_execute(run_id=run.pk)


def test_pasal_18_backup_of_seeded_database_restores_to_same_row_counts(backup_settings, seeded_pg):
    run = _run(pg_source(seeded_pg))
    assert run.status == BackupRun.Status.BERHASIL, run.pesan
    assert run.verifikasi_ok is True
    assert run.manifest["tables"] == {"public.kosong": 0, "public.penyedia": 1234, "spse.paket": 321}
    assert run.arsip_path.is_file()
    on_disk = json.loads(run.manifest_path.read_text())
    assert on_disk == run.manifest
    assert on_disk["archive"]["sha256"] == engine.archive_checksum(run.arsip_path) == run.sha256
    assert on_disk["archive"]["cipher"] == "AES-256-GCM"
    # The installed pg_dump, whatever its version (read here, not assumed).
    installed = subprocess.run(
        [str(Path(settings.BACKUP_PG_BIN_DIR) / "pg_dump"), "--version"], capture_output=True, text=True, check=True
    ).stdout  # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    assert on_disk["versions"]["pg_dump"] == installed.split()[2]
    assert on_disk["files"][0]["path"] == "database.pgdump"
    assert not list(run.arsip_path.parent.glob("*.part"))
    assert not scratch_databases(), "the scratch database is dropped after the restore test"
    assert b"CV Sinar" not in run.arsip_path.read_bytes(), "the archive is encrypted"


def test_portal_own_database_is_backed_up_by_default(backup_settings):
    source = BackupSource.objects.get(slug="portal-db")
    assert source.aktif and BackupSource.objects.get(slug="portal-media").aktif
    run = _run(source)
    assert run.status == BackupRun.Status.BERHASIL, run.pesan
    assert "public.infrastruktur_backupsource" in run.manifest["tables"]


def test_directory_backup_with_include_exclude_verifies_every_file(backup_settings, tmp_path):
    root = tmp_path / "spse"
    (root / "conf").mkdir(parents=True)
    (root / "conf" / "spse.conf").write_text("db=spse\n")
    (root / "conf" / "catatan.log").write_text("besar\n" * 100)
    (root / "bin").mkdir()
    (root / "bin" / "app.jar").write_bytes(os.urandom(300_000))
    run = _run(dir_source(root, exclude="*.log"))
    assert run.status == BackupRun.Status.BERHASIL, run.pesan
    assert sorted(f["path"] for f in run.manifest["files"]) == ["bin/app.jar", "conf/spse.conf"]


def test_sqlite_backup_runs_integrity_check(backup_settings, tmp_path):
    db = tmp_path / "lama.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE tiket (id integer primary key, judul text)")
    conn.executemany("INSERT INTO tiket (judul) VALUES (?)", [(f"t{i}",) for i in range(77)])
    conn.commit()
    conn.close()
    source = BackupSource.objects.create(nama="Arsip lama", slug="arsip-lama", jenis="sqlite", path=str(db))
    run = _run(source)
    assert run.status == BackupRun.Status.BERHASIL, run.pesan
    assert run.manifest["tables"] == {"main.tiket": 77}


def test_corrupted_archive_is_caught_by_verification(backup_settings, seeded_pg, monkeypatch, make_user):
    make_user(roles.ADMIN_SISTEM, email="admin.sistem@karokab.go.id")
    real_write = engine.write_archive

    def write_then_flip_a_byte(**kwargs):
        result = real_write(**kwargs)
        path = kwargs["final_path"]
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        return result

    monkeypatch.setattr(engine, "write_archive", write_then_flip_a_byte)
    run = _run(pg_source(seeded_pg))
    assert run.status == BackupRun.Status.GAGAL
    assert run.verifikasi_ok is False
    assert "gagal diautentikasi" in run.pesan
    outbox = EmailOutbox.objects.get()
    assert outbox.penerima == ["admin.sistem@karokab.go.id"]
    assert "[Backup GAGAL]" in outbox.subjek and "gagal diautentikasi" in outbox.isi
    assert not scratch_databases()


def test_missing_key_fails_with_clear_message_and_writes_nothing(backup_settings, seeded_pg, monkeypatch):
    backup_settings.BACKUP_ENCRYPTION_KEY = None
    monkeypatch.delenv("BACKUP_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("BACKUP_ENCRYPTION_KEY_FILE", raising=False)
    run = _run(pg_source(seeded_pg))
    assert run.status == BackupRun.Status.GAGAL
    assert "Kunci enkripsi backup belum diatur" in run.pesan
    assert not any(backup_settings.BACKUP_ROOT.rglob("*.lpsebak*"))


def test_key_from_file_reference(backup_settings, seeded_pg, tmp_path, monkeypatch):
    """BACKUP_ENCRYPTION_KEY_FILE: the key is read from the file when a backup runs. The file holds
    OTHER_KEY (not the fixture's KEY, and nothing in the environment), so only reading the file
    can give the key the archive is encrypted with."""
    monkeypatch.delenv("BACKUP_ENCRYPTION_KEY", raising=False)
    key_file = tmp_path / "kunci"
    key_file.write_text(OTHER_KEY + "\n")
    backup_settings.BACKUP_ENCRYPTION_KEY = None
    backup_settings.BACKUP_ENCRYPTION_KEY_FILE = str(key_file)
    run = _run(pg_source(seeded_pg))
    assert run.status == BackupRun.Status.BERHASIL, run.pesan
    assert (
        run.manifest["archive"]["key_id"]
        == crypto.key_id(bytes.fromhex(OTHER_KEY))
        != crypto.key_id(bytes.fromhex(KEY))
    )
    # A missing file is said so, in Indonesian, with its path.
    key_file.unlink()
    with pytest.raises(crypto.KeyMissingError, match=f"Berkas kunci enkripsi backup {key_file} tidak dapat dibaca"):
        crypto.load_key()


def test_wrong_key_fails_verification_with_clear_message(backup_settings, seeded_pg, monkeypatch):
    real_verify = services.archive_verify

    def verify_with_other_key(**kwargs):
        return real_verify(**{**kwargs, "key": bytes.fromhex(OTHER_KEY)})

    monkeypatch.setattr(services, "archive_verify", verify_with_other_key)
    run = _run(pg_source(seeded_pg))
    assert run.status == BackupRun.Status.GAGAL
    assert run.pesan.startswith("Kunci enkripsi salah")


def test_unreachable_database_fails_cleanly(backup_settings):
    source = BackupSource.objects.create(
        nama="SPSE mati", slug="spse-mati", jenis="postgres", host="127.0.0.1", port=1, nama_db="spse", pengguna="x"
    )
    run = _run(source)
    assert run.status == BackupRun.Status.GAGAL
    assert "tidak dapat dihubungi" in run.pesan
    assert run.verifikasi_ok is None


def test_password_env_missing_fails_cleanly(backup_settings, seeded_pg, monkeypatch):
    monkeypatch.delenv("SPSE_DB_PASSWORD", raising=False)
    run = _run(pg_source(seeded_pg, password_env="SPSE_DB_PASSWORD"))
    assert run.status == BackupRun.Status.GAGAL
    assert "SPSE_DB_PASSWORD" in run.pesan


def test_bad_directory_path_fails_cleanly(backup_settings, tmp_path):
    run = _run(dir_source(tmp_path / "tidak-ada"))
    assert run.status == BackupRun.Status.GAGAL
    assert "tidak ditemukan" in run.pesan


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"jenis": "direktori", "path": "relatif/jalan"}, "absolut"),
        ({"jenis": "direktori", "path": "/srv/../etc"}, "absolut"),
        ({"jenis": "postgres", "host": "", "nama_db": "spse", "pengguna": "spse"}, "Wajib diisi"),
        ({"jenis": "postgres", "host": "h", "nama_db": "d", "pengguna": "u", "password_env": "a-b"}, "huruf besar"),
    ],
)
def test_bad_source_settings_are_refused(backup_settings, fields, message):
    with pytest.raises(ValidationError) as info:
        services.source_save(source=BackupSource(nama="X", slug="x", **fields))
    assert message in str(info.value)


def test_backup_root_itself_cannot_be_a_source(backup_settings):
    with pytest.raises(ValidationError, match="folder backup"):
        services.source_save(
            source=BackupSource(nama="X", slug="x", jenis="direktori", path=str(backup_settings.BACKUP_ROOT))
        )


def test_disk_full_fails_cleanly_and_leaves_no_file(backup_settings, seeded_pg, monkeypatch):
    calls = {"n": 0}

    def full_disk(f, data):
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        f.write(data)

    monkeypatch.setattr(engine, "_disk_write", full_disk)
    run = _run(pg_source(seeded_pg))
    assert run.status == BackupRun.Status.GAGAL
    assert "Ruang disk penuh" in run.pesan
    assert not [p for p in backup_settings.BACKUP_ROOT.rglob("*") if p.is_file()]


def test_only_one_run_per_source_at_a_time(backup_settings, seeded_pg):
    source = pg_source(seeded_pg)
    services.run_request(source=source, queue=False)
    with pytest.raises(ValidationError, match="sedang menunggu"):
        services.run_request(source=source, queue=False)


def test_lock_expires_when_the_worker_never_comes_back(backup_settings, seeded_pg):
    source = pg_source(seeded_pg)
    stuck = services.run_request(source=source, queue=False)
    # Expired, and past the time in which the broker would have handed its task out again.
    expired = timezone.now() - timedelta(seconds=settings.BACKUP_TAKEOVER_GRACE_SECONDS + 1)
    BackupRun.objects.filter(pk=stuck.pk).update(status="berjalan", lease_sampai=expired)
    admin = support._admin()
    with admin.cursor() as cur:  # the killed worker was in the middle of its restore test
        cur.execute(f'CREATE DATABASE "lpse_verifikasi_r{stuck.pk}_mati"')
    admin.close()
    again = services.run_request(source=source, queue=False)
    stuck.refresh_from_db()
    assert stuck.status == BackupRun.Status.GAGAL and "terhenti" in stuck.pesan
    assert not scratch_databases(), "the dead worker's scratch database is dropped"
    assert services.run_execute(run_id=again.pk).status == BackupRun.Status.BERHASIL


def test_queueing_a_run_sends_it_to_the_worker_after_commit(
    backup_settings, seeded_pg, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_request(source=pg_source(seeded_pg))
    run.refresh_from_db()
    assert run.status == BackupRun.Status.BERHASIL  # eager Celery in tests


def test_second_storage_receives_archive_and_manifest(backup_settings, seeded_pg, tmp_path):
    backup_settings.STORAGES = {
        **backup_settings.STORAGES,
        "backup_kedua": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "kedua")},
        },
    }
    backup_settings.BACKUP_SECOND_STORAGE = "backup_kedua"
    run = _run(pg_source(seeded_pg))
    assert run.status == BackupRun.Status.BERHASIL, run.pesan
    copied = tmp_path / "kedua" / run.sumber.slug / run.arsip_path.name
    assert engine.archive_checksum(copied) == run.sha256


def test_recheck_catches_bit_rot_and_tampered_manifest(backup_settings, seeded_pg):
    run = _run(pg_source(seeded_pg))
    assert services.run_recheck(run=run) is True
    manifest = json.loads(run.manifest_path.read_text())
    manifest["tables"]["public.penyedia"] = 1
    run.manifest_path.write_text(json.dumps(manifest))
    assert services.run_recheck(run=run) is False
    assert "manifest" in run.pesan
    run.manifest_path.write_text(json.dumps(run.manifest))
    with open(run.arsip_path, "r+b") as f:
        f.seek(100)
        f.write(b"\x00\x00\x00")
    assert services.runs_recheck_retained() == {"ok": 0, "gagal": 1}
    run.refresh_from_db()
    assert run.cek_ulang_ok is False and "bit rot" in run.pesan


def test_manifest_signature_refuses_tampering():
    key = bytes.fromhex(KEY)
    signed = engine.sign_manifest({"archive": {"sha256": "a" * 64}, "tables": {"t": 3}}, key)
    engine.check_manifest_signature(signed, key)
    with pytest.raises(engine.BackupError, match="telah diubah"):
        engine.check_manifest_signature({**signed, "tables": {"t": 4}}, key)


SLOW_WORKER = """
import os, sys, time, django
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
django.setup()
from backup import engine
real = engine._disk_write
def slow_disk(f, data):
    real(f, data)
    f.flush()
    time.sleep(0.2)
engine._disk_write = slow_disk
from django.core.management import call_command
call_command("backup_run", sumber=[sys.argv[1]])
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_killed_mid_run_leaves_nothing_marked_successful(backup_settings, tmp_path):
    """A worker killed in the middle: no archive under its final name, nothing "berhasil", lock expires."""
    root = tmp_path / "besar"
    root.mkdir()
    for i in range(4):
        (root / f"berkas{i}.bin").write_bytes(os.urandom(2_000_000))
    source = dir_source(root)
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "BACKUP_ROOT": str(backup_settings.BACKUP_ROOT),
        "BACKUP_ENCRYPTION_KEY": KEY,
    }
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WORKER, source.slug], env=env, cwd=Path.cwd())
    folder = backup_settings.BACKUP_ROOT / source.slug
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        parts = list(folder.glob("*.part")) if folder.exists() else []
        if parts and parts[0].stat().st_size > 1_000_000:
            break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("the worker never started writing")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    run = BackupRun.objects.get(sumber=source)
    assert run.status == BackupRun.Status.BERJALAN
    assert not list(folder.glob("*.lpsebak")), "no half-written file under the final name"
    assert list(folder.glob("*.lpsebak.part"))
    soon = timezone.now() + timedelta(seconds=601)
    assert services.runs_reap_stale(now=soon) == 0, "the redelivered task may still take it over"
    later = soon + timedelta(seconds=settings.BACKUP_TAKEOVER_GRACE_SECONDS)
    assert services.runs_reap_stale(now=later) == 1
    run.refresh_from_db()
    assert run.status == BackupRun.Status.GAGAL and "terhenti" in run.pesan
    assert not list(folder.glob("*.part"))
    assert BackupRun.objects.filter(status=BackupRun.Status.BERHASIL).count() == 0
    assert len(mail.outbox) == 0 or "[Backup GAGAL]" in mail.outbox[0].subject


def test_newer_server_than_pg_dump_is_refused_with_advice(backup_settings, seeded_pg, monkeypatch):
    monkeypatch.setattr(engine, "pg_tool_version", lambda tool: (14, "14.11"))
    run = _run(pg_source(seeded_pg))
    assert run.status == BackupRun.Status.GAGAL
    with connection.cursor() as cur:
        cur.execute("SHOW server_version_num")
        server_major = int(cur.fetchone()[0]) // 10000
    assert "lebih baru daripada pg_dump (14.11)" in run.pesan and f"postgresql-client-{server_major}" in run.pesan


@pytest.mark.parametrize("value", ["pendek", "zz" * 32, "ab" * 31])
def test_malformed_key_is_refused_in_indonesian(value):
    from backup import crypto

    with pytest.raises(crypto.KeyMissingError, match="Kunci enkripsi backup tidak sah"):
        crypto.load_key(value=value)


def test_base64_key_is_accepted():
    import base64

    from backup import crypto

    raw = bytes(range(32))
    assert crypto.load_key(value=base64.urlsafe_b64encode(raw).decode()) == raw


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_live_worker_keeps_its_lease_through_silent_phases(backup_settings):
    backup_settings.BACKUP_LEASE_SECONDS = 4
    source = BackupSource.objects.create(nama="Lama", slug="lama", jenis="direktori", path="/srv/lama")
    run = BackupRun.objects.create(sumber=source, status="berjalan", lease_sampai=timezone.now())
    keeper = services._LeaseKeeper(run.pk)
    keeper.start()
    time.sleep(1.5)
    keeper.stopped.set()
    keeper.join()
    run.refresh_from_db()
    assert run.lease_sampai > timezone.now() + timedelta(seconds=2)
