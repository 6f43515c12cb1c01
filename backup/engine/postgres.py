"""PostgreSQL: dump with pg_dump, verify by restoring into a scratch database."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import subprocess
import tempfile
import threading
from pathlib import Path

from psycopg2 import sql

from .. import crypto
from .archive import Throttle, base_versions, write_archive
from .common import READ_SIZE, BackupError, PgTarget, Progress, compare_checksums, compare_counts

# --- PostgreSQL ----------------------------------------------------------------------


def pg_tool(name: str, bin_dir: str = "/usr/bin") -> str:
    path = Path(bin_dir) / name
    if not path.exists():
        raise BackupError(f"Program {path} tidak ditemukan; pasang paket postgresql-client.")
    return str(path)


def pg_tool_version(tool: str) -> tuple[int, str]:
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603 - fixed tool path, no shell
    match = re.search(r"(\d+)(?:\.(\d+))?", out)
    if not match:
        raise BackupError(f"Versi {tool} tidak dapat dibaca.")
    return int(match.group(1)), match.group(0)


def _server_version(conn) -> tuple[int, str]:
    with conn.cursor() as cur:
        cur.execute("SHOW server_version_num")
        num = int(cur.fetchone()[0])
        cur.execute("SHOW server_version")
        text = cur.fetchone()[0].split()[0]
    return num // 10000, text


def _user_tables(cur) -> list[tuple[str, str]]:
    cur.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%%' AND n.nspname NOT LIKE 'pg_temp%%' ORDER BY 1, 2"
    )
    return list(cur.fetchall())


def pg_row_counts(cur) -> dict[str, int]:
    counts = {}
    for schema, table in _user_tables(cur):
        cur.execute(sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
        counts[f"{schema}.{table}"] = cur.fetchone()[0]
    return counts


def backup_postgres(*, target: PgTarget, final_path: Path, key: bytes, bin_dir: str = "/usr/bin",
                    progress: Progress | None = None) -> dict:  # fmt: skip
    """``pg_dump -Fc`` of one database, with row counts taken from the very same snapshot.

    pg_dump's own compression is switched off (``-Z0``): the stream is
    compressed once, by zstd, before it is encrypted.
    """
    tool = pg_tool("pg_dump", bin_dir)
    tool_major, tool_version = pg_tool_version(tool)
    conn = target.connect()
    try:
        server_major, server_version = _server_version(conn)
        if server_major > tool_major:
            raise BackupError(
                f"Versi server PostgreSQL ({server_version}) lebih baru daripada pg_dump ({tool_version}); "
                f"pasang postgresql-client-{server_major} lalu ulangi."
            )
        conn.rollback()
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        cur = conn.cursor()
        cur.execute("SELECT pg_export_snapshot()")
        snapshot = cur.fetchone()[0]
        counts: dict = {}
        errors: list = []

        def count_rows():
            try:
                counts.update(pg_row_counts(cur))
            except Exception as exc:  # reported after pg_dump finishes
                errors.append(exc)

        def produce(writer):
            dump_sha = hashlib.sha256()
            size = 0
            with tempfile.TemporaryFile() as stderr:
                proc = subprocess.Popen(  # noqa: S603 - fixed tool path and argument list, no shell
                    [tool, "-Fc", "-Z0", f"--snapshot={snapshot}", *target.args()],
                    stdout=subprocess.PIPE,
                    stderr=stderr,
                    env=target.env(),
                )
                counter = threading.Thread(target=count_rows, daemon=True)
                counter.start()
                try:
                    while chunk := proc.stdout.read(READ_SIZE):
                        dump_sha.update(chunk)
                        size += len(chunk)
                        writer.write(chunk)
                except BaseException:
                    proc.kill()
                    raise
                finally:
                    proc.stdout.close()
                    proc.wait()
                    counter.join()
                if proc.returncode != 0:
                    stderr.seek(0)
                    message = stderr.read().decode(errors="replace").strip()[-500:]
                    raise BackupError(f"pg_dump gagal (kode {proc.returncode}): {message}")
            if errors:
                raise BackupError(f"Penghitungan baris tabel gagal: {errors[0]}")
            return {
                "files": [{"path": "database.pgdump", "size": size, "sha256": dump_sha.hexdigest()}],
                "tables": counts,
                "versions": {**base_versions(), "pg_dump": tool_version, "server": server_version},
                "format": "pg_dump-custom",
            }

        return write_archive(final_path=final_path, key=key, produce=produce, progress=progress)
    finally:
        conn.close()


def _scratch_name(run_id) -> str:
    """``lpse_verifikasi_r<run>_<random>``: the stale-run reaper finds a killed worker's scratch database by it."""
    return f"lpse_verifikasi_r{int(run_id or 0)}_{os.urandom(4).hex()}"


def drop_scratch_databases(*, server: PgTarget, run_id: int) -> list[str]:
    """Drop scratch databases a killed worker left behind for ``run_id``."""
    admin = server.connect(dbname="postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"lpse\\_verifikasi\\_r{int(run_id)}\\_%"]
            )
            names = [r[0] for r in cur.fetchall()]
            for name in names:
                cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    finally:
        admin.close()
    return names


def _pg_restore_stream(*, archive_path: Path, key: bytes, target: PgTarget, dbname: str, bin_dir: str,
                       progress: Progress | None) -> tuple[str, str, int]:  # fmt: skip
    """Stream the decrypted dump into ``pg_restore``; returns (archive sha, dump sha, dump size)."""
    tool = pg_tool("pg_restore", bin_dir)
    archive_sha, dump_sha, size = hashlib.sha256(), hashlib.sha256(), 0
    with tempfile.TemporaryFile() as stderr, open(archive_path, "rb") as f:
        proc = subprocess.Popen(  # noqa: S603 - fixed tool path and argument list, no shell
            [tool, "--no-owner", "--no-privileges", "--exit-on-error", *target.args(dbname)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=target.env(),
        )
        try:
            for chunk in crypto.iter_plain(f, key, sha256=archive_sha, on_raw=Throttle(progress, "verifikasi")):
                dump_sha.update(chunk)
                size += len(chunk)
                proc.stdin.write(chunk)
        except BrokenPipeError:
            pass
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.close()
        if proc.wait() != 0:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace").strip()[-500:]
            raise BackupError(f"pg_restore gagal (kode {proc.returncode}): {message}")
    return archive_sha.hexdigest(), dump_sha.hexdigest(), size


def verify_postgres(*, archive_path: Path, manifest: dict, key: bytes, server: PgTarget, bin_dir: str = "/usr/bin",
                    progress: Progress | None = None) -> dict:  # fmt: skip
    """Restore into a scratch database created for the purpose (and dropped after) and compare."""
    scratch = _scratch_name(manifest.get("run"))
    admin = server.connect(dbname="postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(scratch)))
        try:
            archive_sha, dump_sha, size = _pg_restore_stream(
                archive_path=archive_path, key=key, target=server, dbname=scratch, bin_dir=bin_dir, progress=progress
            )
            compare_checksums(manifest, archive_sha, {"database.pgdump": (dump_sha, size)})
            conn = server.connect(dbname=scratch)
            try:
                with conn.cursor() as cur:
                    restored = pg_row_counts(cur)
            finally:
                conn.close()
            compare_counts(manifest.get("tables", {}), restored)
            return {"scratch_database": scratch, "tables": len(restored)}
        finally:
            with admin.cursor() as cur:
                cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))
    finally:
        admin.close()
