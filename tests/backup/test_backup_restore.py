"""restore_backup (issue 6): the key is required, a wrong key or a tampered manifest is refused."""

import io
import json
import secrets
import sqlite3

import psycopg2
import pytest
from django.core.management import CommandError, call_command

from backup import services
from tests.backup import support

pytestmark = pytest.mark.django_db
backup_settings = support.backup_settings
seeded_pg = support.seeded_pg


@pytest.fixture
def pg_run(backup_settings, seeded_pg):
    run = services.run_execute(run_id=services.run_request(source=support.pg_source(seeded_pg), queue=False).pk)
    assert run.status == "berhasil", run.pesan
    return run


@pytest.fixture
def empty_db():
    name = f"lpse_bak_pulih_{secrets.token_hex(4)}"
    admin = support._admin()
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    yield f"postgres://postgres@127.0.0.1:5432/{name}"
    support.drop_database(name)


def _restore(*args, **opts):
    out = io.StringIO()
    call_command("restore_backup", *args, stdout=out, **opts)
    return out.getvalue()


def test_restore_into_empty_database_gives_same_row_counts(pg_run, empty_db):
    out = _restore(str(pg_run.pk), target=empty_db, dry_run=True)
    assert "dry-run" in out
    conn = psycopg2.connect(empty_db)
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cur.fetchone()[0] == 0, "dry-run writes nothing"
    out = _restore(str(pg_run.pk), target=empty_db)
    assert "Jumlah baris 3 tabel sama dengan manifest" in out
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM penyedia")
        assert cur.fetchone()[0] == 1234
    conn.close()
    with pytest.raises(CommandError, match="tidak kosong"):
        _restore(str(pg_run.pk), target=empty_db)


def test_restore_from_manifest_file_without_the_portal_database(pg_run, empty_db):
    out = _restore(str(pg_run.manifest_path), target=empty_db)
    assert "sama dengan manifest" in out


def test_restore_refuses_wrong_key_with_clear_message(pg_run, empty_db, backup_settings):
    backup_settings.BACKUP_ENCRYPTION_KEY = support.OTHER_KEY
    with pytest.raises(CommandError, match="Kunci enkripsi salah: backup ini dibuat dengan kunci"):
        _restore(str(pg_run.pk), target=empty_db, dry_run=True)


def test_restore_requires_the_key(pg_run, empty_db, backup_settings, monkeypatch):
    backup_settings.BACKUP_ENCRYPTION_KEY = None
    monkeypatch.delenv("BACKUP_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("BACKUP_ENCRYPTION_KEY_FILE", raising=False)
    with pytest.raises(CommandError, match="Kunci enkripsi backup belum diatur"):
        _restore(str(pg_run.pk), target=empty_db, dry_run=True)


def test_wrong_key_on_the_archive_itself_is_named(pg_run, tmp_path):
    from backup import crypto

    with open(pg_run.arsip_path, "rb") as f, pytest.raises(crypto.BackupCryptoError, match="Kunci enkripsi salah"):
        next(crypto.iter_plain(f, bytes.fromhex(support.OTHER_KEY)))


def test_restore_refuses_tampered_manifest(pg_run, empty_db):
    manifest = json.loads(pg_run.manifest_path.read_text())
    manifest["tables"]["public.penyedia"] = 9999
    pg_run.manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="telah diubah"):
        _restore(str(pg_run.manifest_path), target=empty_db, dry_run=True)
    pg_run.manifest_path.write_text("{bukan json")
    with pytest.raises(CommandError, match="bukan JSON"):
        _restore(str(pg_run.manifest_path), target=empty_db, dry_run=True)


def test_restore_catches_a_truncated_archive(pg_run, empty_db):
    data = pg_run.arsip_path.read_bytes()
    pg_run.arsip_path.write_bytes(data[: len(data) - 100])
    with pytest.raises(CommandError, match="terpotong"):
        _restore(str(pg_run.pk), target=empty_db, dry_run=True)


def test_restore_bad_targets(pg_run):
    with pytest.raises(CommandError, match="tidak dapat dihubungi"):
        _restore(str(pg_run.pk), target="postgres://postgres@127.0.0.1:1/tidakada", dry_run=True)
    with pytest.raises(CommandError, match="bukan PostgreSQL"):
        _restore(str(pg_run.pk), target="sqlite:////tmp/x.sqlite3", dry_run=True)
    with pytest.raises(CommandError, match="tidak ada di basis data portal"):
        _restore("999999", target="postgres://postgres@127.0.0.1:5432/x", dry_run=True)


def test_restore_directory_and_sqlite(backup_settings, tmp_path):
    src = tmp_path / "spse"
    src.mkdir()
    (src / "a.conf").write_text("x=1\n")
    run = services.run_execute(run_id=services.run_request(source=support.dir_source(src), queue=False).pk)
    dest = tmp_path / "pulih"
    _restore(str(run.pk), target=str(dest))
    assert (dest / "a.conf").read_text() == "x=1\n"
    with pytest.raises(CommandError, match="tidak kosong"):
        _restore(str(run.pk), target=str(dest))

    db = tmp_path / "lama.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1), (2)")
    conn.commit()
    conn.close()
    from backup.models import BackupSource

    source = BackupSource.objects.create(nama="Lama", slug="lama", jenis="sqlite", path=str(db))
    run = services.run_execute(run_id=services.run_request(source=source, queue=False).pk)
    out = _restore(str(run.pk), target=f"sqlite:///{tmp_path}/pulih.sqlite3")
    assert "integrity_check ok" in out
    assert sqlite3.connect(tmp_path / "pulih.sqlite3").execute("SELECT count(*) FROM t").fetchone()[0] == 2
