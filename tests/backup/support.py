"""Fixtures and helpers shared by the backup tests (no tests here)."""

import secrets

import psycopg2
import pytest
from psycopg2 import sql

from backup.engine import PgTarget
from backup.models import BackupSource

KEY = "ab" * 32
OTHER_KEY = "cd" * 32


@pytest.fixture
def backup_settings(settings, tmp_path):
    settings.BACKUP_ROOT = tmp_path / "backup"
    settings.BACKUP_ROOT.mkdir()
    settings.BACKUP_ENCRYPTION_KEY = KEY
    settings.BACKUP_ENCRYPTION_KEY_FILE = None
    return settings


def _admin():
    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    conn.autocommit = True
    return conn


@pytest.fixture(scope="module")
def seeded_pg():
    """A separate PostgreSQL database, seeded with known row counts: the "SPSE" to back up (read only)."""
    name = f"lpse_bak_src_{secrets.token_hex(4)}"
    admin = _admin()
    with admin.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname=name)
    with conn, conn.cursor() as cur:
        cur.execute("CREATE TABLE penyedia (id serial PRIMARY KEY, nama text NOT NULL, nik char(16) UNIQUE)")
        cur.execute(
            "INSERT INTO penyedia (nama, nik) SELECT 'CV Sinar ' || g, lpad(g::text, 16, '0') "
            "FROM generate_series(1, 1234) g"
        )
        cur.execute("CREATE SCHEMA spse")
        cur.execute("CREATE TABLE spse.paket (id bigint PRIMARY KEY, penyedia_id int REFERENCES penyedia(id))")
        cur.execute("INSERT INTO spse.paket SELECT g, (g % 1234) + 1 FROM generate_series(1, 321) g")
        cur.execute("CREATE TABLE kosong (id int)")
    conn.close()
    yield PgTarget(host="127.0.0.1", port=5432, dbname=name, user="postgres")
    with admin.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    admin.close()


def pg_source(target: PgTarget, **fields) -> BackupSource:
    return BackupSource.objects.create(
        nama=fields.pop("nama", f"SPSE {target.dbname}"),
        slug=fields.pop("slug", target.dbname.replace("_", "-")),
        jenis=BackupSource.Jenis.POSTGRES,
        host=target.host,
        port=target.port,
        nama_db=target.dbname,
        pengguna=target.user,
        **fields,
    )


def dir_source(path, **fields) -> BackupSource:
    return BackupSource.objects.create(
        nama=fields.pop("nama", "Berkas sistem SPSE"),
        slug=fields.pop("slug", "berkas-spse"),
        jenis=BackupSource.Jenis.DIREKTORI,
        path=str(path),
        **fields,
    )


def drop_database(name: str) -> None:
    admin = _admin()
    with admin.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    admin.close()


def scratch_databases() -> list[str]:
    admin = _admin()
    with admin.cursor() as cur:
        cur.execute("SELECT datname FROM pg_database WHERE datname LIKE 'lpse_verifikasi_%%'")
        names = [r[0] for r in cur.fetchall()]
    admin.close()
    return names
