"""The backup machinery without the ORM: dump a source into an encrypted
archive, verify an archive by restoring it, restore it for real.

Services (``services.py``) wrap these functions with runs, leases and
logging; the bench script (``bench/backup_bench.py``) calls them directly.
Every failure is a ``BackupError`` whose message is shown to staff as is.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
from psycopg2 import sql

from . import crypto
from .crypto import BackupCryptoError

READ_SIZE = 1024 * 1024
Progress = Callable[[str, int], None]


class BackupError(Exception):
    """A backup, verification or restore that did not succeed; the message is Indonesian."""


@dataclass
class PgTarget:
    """Where a PostgreSQL database lives. The password is only ever held in memory."""

    host: str
    port: int
    dbname: str
    user: str
    password: str = field(default="", repr=False)

    def connect(self, dbname: str | None = None):
        try:
            return psycopg2.connect(
                host=self.host,
                port=self.port,
                dbname=dbname or self.dbname,
                user=self.user,
                password=self.password or None,
                connect_timeout=10,
                application_name="lpse-backup",
            )
        except psycopg2.OperationalError as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
            raise BackupError(
                f"Basis data {dbname or self.dbname} di {self.host}:{self.port} tidak dapat dihubungi: {detail}"
            ) from exc

    def env(self) -> dict:
        env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def args(self, dbname: str | None = None) -> list[str]:
        return ["-h", self.host, "-p", str(self.port), "-U", self.user, "-d", dbname or self.dbname, "--no-password"]

    @classmethod
    def from_url(cls, url: str) -> PgTarget:
        import environ

        cfg = environ.Env.db_url_config(url)
        if not cfg.get("ENGINE", "").endswith("postgresql"):
            raise BackupError(f"Alamat basis data tujuan bukan PostgreSQL: {url.split('@')[-1]}")
        return cls(
            host=cfg.get("HOST") or "127.0.0.1",
            port=int(cfg.get("PORT") or 5432),
            dbname=cfg["NAME"],
            user=cfg.get("USER") or "postgres",
            password=cfg.get("PASSWORD") or "",
        )


# --- Small helpers -----------------------------------------------------------------


class Throttle:
    """Calls ``progress`` at most every ``interval`` seconds (progress writes a DB row)."""

    def __init__(self, progress: Progress | None, phase: str, interval: float = 1.0):
        self.progress, self.phase, self.interval, self._last = progress, phase, interval, 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if self.progress and now - self._last >= self.interval:
            self._last = now
            self.progress(self.phase, done)


def _disk_write(f, data: bytes) -> None:
    """The one place archive bytes reach the disk (tests patch it to simulate ENOSPC)."""
    f.write(data)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _oserror_message(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"Ruang disk penuh saat menulis {path.name} (ENOSPC); arsip yang belum selesai telah dihapus."
    if exc.errno == errno.EACCES:
        return f"Tidak ada izin menulis ke {path.parent}."
    return f"Gagal menulis {path.name}: {exc.strerror or exc}."


def write_archive(*, final_path: Path, key: bytes, produce: Callable[[crypto.ArchiveWriter], dict],
                  progress: Progress | None = None) -> dict:  # fmt: skip
    """Write an archive under a temporary name, fsync it, then rename it to ``final_path``.

    A crash, a full disk or a failed dump leaves no file under the final
    name; the ``.part`` file is removed on every error we can see (a killed
    process leaves it, and the stale-run reaper removes it).
    """
    final_path.parent.mkdir(parents=True, exist_ok=True)
    temp_path = final_path.with_name(final_path.name + ".part")
    try:
        with open(temp_path, "wb") as f:
            writer = crypto.ArchiveWriter(lambda data: _disk_write(f, data), key, on_plain=Throttle(progress, "dump"))
            contents = produce(writer)
            writer.finish()
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp_path, final_path)
        _fsync_dir(final_path.parent)
    except OSError as exc:
        temp_path.unlink(missing_ok=True)
        raise BackupError(_oserror_message(exc, final_path)) from exc
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return {
        **contents,
        "archive": {
            "name": final_path.name,
            "size": writer.size,
            "sha256": writer.sha256.hexdigest(),
            "compression": crypto.COMPRESSION_NAMES[writer.compression],
            "cipher": "AES-256-GCM",
            "key_id": crypto.key_id(key),
            "plain_bytes": writer.plain_bytes,
        },
    }


def write_json_atomic(path: Path, data: dict) -> None:
    temp = path.with_name(path.name + ".part")
    try:
        with open(temp, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, sort_keys=True, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise BackupError(_oserror_message(exc, path)) from exc


def sign_manifest(manifest: dict, key: bytes) -> dict:
    body = {k: v for k, v in manifest.items() if k != "signature"}
    payload = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return {**body, "signature": crypto.manifest_signature(key, payload)}


def check_manifest_signature(manifest: dict, key: bytes) -> None:
    expected = sign_manifest(manifest, key)["signature"]
    if not manifest.get("signature") or not hmac_equal(manifest["signature"], expected):
        raise BackupError(
            "Manifest backup telah diubah atau tidak ditandatangani dengan kunci ini; arsip tidak dipercaya."
        )


def hmac_equal(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a.encode(), b.encode())


def base_versions() -> dict:
    import cryptography

    versions = {"python": platform.python_version(), "cryptography": cryptography.__version__}
    if crypto.zstandard is not None:
        versions["zstandard"] = crypto.zstandard.__version__
    with contextlib.suppress(Exception):
        import django

        versions["django"] = django.get_version()
    return versions


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


def compare_checksums(manifest: dict, archive_sha: str, files: dict[str, tuple[str, int]]) -> None:
    if archive_sha != manifest["archive"]["sha256"]:
        raise BackupError("Checksum SHA-256 arsip tidak cocok dengan manifest: arsip rusak atau telah diubah.")
    expected = {f["path"]: (f["sha256"], f["size"]) for f in manifest.get("files", [])}
    missing = sorted(set(expected) - set(files))
    if missing:
        raise BackupError(f"Berkas tidak ada di dalam arsip: {', '.join(missing[:5])}.")
    extra = sorted(set(files) - set(expected))
    if extra:
        raise BackupError(f"Berkas di dalam arsip tidak tercatat di manifest: {', '.join(extra[:5])}.")
    bad = sorted(p for p in expected if expected[p] != files[p])
    if bad:
        raise BackupError(f"Checksum berkas tidak cocok dengan manifest: {', '.join(bad[:5])}.")


def compare_counts(expected: dict[str, int], restored: dict[str, int]) -> None:
    diffs = [
        f"{t} (manifest {expected[t]}, pulih {restored.get(t, 'tidak ada')})"
        for t in sorted(expected)
        if restored.get(t) != expected[t]
    ]
    if diffs:
        raise BackupError(f"Jumlah baris hasil pemulihan tidak cocok dengan manifest: {'; '.join(diffs[:5])}.")


# --- SQLite ---------------------------------------------------------------------------


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {f"main.{n}": conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in sorted(names)}  # noqa: S608


def backup_sqlite(*, path: Path, final_path: Path, key: bytes, progress: Progress | None = None) -> dict:
    """SQLite's online backup API into a temporary copy, then into the archive."""
    if not path.is_file():
        raise BackupError(f"Berkas SQLite {path} tidak ditemukan.")
    with tempfile.TemporaryDirectory(dir=final_path.parent if final_path.parent.exists() else None) as tmp:
        copy = Path(tmp) / "database.sqlite3"
        try:
            src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            dst = sqlite3.connect(copy)
            with dst:
                src.backup(dst)
            counts = _sqlite_counts(dst)
            src.close()
            dst.close()
        except sqlite3.Error as exc:
            raise BackupError(f"Backup SQLite {path} gagal: {exc}") from exc

        def produce(writer):
            sha, size = hashlib.sha256(), 0
            with open(copy, "rb") as f:
                while chunk := f.read(READ_SIZE):
                    sha.update(chunk)
                    size += len(chunk)
                    writer.write(chunk)
            return {
                "files": [{"path": "database.sqlite3", "size": size, "sha256": sha.hexdigest()}],
                "tables": counts,
                "versions": {**base_versions(), "sqlite": sqlite3.sqlite_version},
                "format": "sqlite",
            }

        return write_archive(final_path=final_path, key=key, produce=produce, progress=progress)


def verify_sqlite(*, archive_path: Path, manifest: dict, key: bytes, progress: Progress | None = None) -> dict:
    """Decrypt into a temp file, run ``PRAGMA integrity_check`` and compare row counts."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "database.sqlite3"
        archive_sha, sha, size = hashlib.sha256(), hashlib.sha256(), 0
        with open(archive_path, "rb") as f, open(out, "wb") as o:
            for chunk in crypto.iter_plain(f, key, sha256=archive_sha, on_raw=Throttle(progress, "verifikasi")):
                sha.update(chunk)
                size += len(chunk)
                o.write(chunk)
        compare_checksums(manifest, archive_sha.hexdigest(), {"database.sqlite3": (sha.hexdigest(), size)})
        conn = sqlite3.connect(out)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise BackupError(f"PRAGMA integrity_check SQLite gagal: {result}")
            compare_counts(manifest.get("tables", {}), _sqlite_counts(conn))
        except sqlite3.Error as exc:
            raise BackupError(f"Salinan SQLite tidak dapat dibuka: {exc}") from exc
        finally:
            conn.close()
    return {"integrity_check": "ok"}


# --- Directories ----------------------------------------------------------------------


def _matches(rel: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(Path(rel).name, p) for p in patterns)


class _HashingReader:
    def __init__(self, f):
        self.f, self.sha = f, hashlib.sha256()

    def read(self, n=-1):
        data = self.f.read(n)
        self.sha.update(data)
        return data


def backup_directory(*, path: Path, include: list[str], exclude: list[str], final_path: Path, key: bytes,
                     progress: Progress | None = None) -> dict:  # fmt: skip
    """A tar stream of the directory (regular files and folders; symlinks are not followed)."""
    if not path.is_absolute():
        raise BackupError(f"Path direktori harus absolut: {path}")
    if not path.is_dir():
        raise BackupError(f"Direktori {path} tidak ditemukan atau bukan direktori.")

    def produce(writer):
        files = []
        with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            for root, dirs, names in os.walk(path):
                dirs.sort()
                for name in sorted(names):
                    full = Path(root) / name
                    rel = full.relative_to(path).as_posix()
                    if (include and not _matches(rel, include)) or _matches(rel, exclude):
                        continue
                    if full.is_symlink() or not full.is_file():
                        continue
                    try:
                        with open(full, "rb") as f:
                            info = tar.gettarinfo(fileobj=f, arcname=rel)
                            reader = _HashingReader(f)
                            tar.addfile(info, reader)
                    except PermissionError as exc:
                        raise BackupError(f"Berkas {full} tidak dapat dibaca (izin ditolak).") from exc
                    files.append({"path": rel, "size": info.size, "sha256": reader.sha.hexdigest()})
        return {"files": files, "tables": {}, "versions": base_versions(), "format": "tar"}

    return write_archive(final_path=final_path, key=key, produce=produce, progress=progress)


def extract_safely(tar: tarfile.TarFile, dest: Path) -> None:
    """The "data" filter by hand, for Pythons before it (Debian 12's 3.11.2): only
    regular files and directories, only inside ``dest``, without special bits."""
    root = dest.resolve()
    for member in tar:
        target = (root / member.name).resolve()
        if not (member.isfile() or member.isdir()) or (target != root and root not in target.parents):
            raise BackupError(f"Arsip berisi entri yang tidak aman: {member.name!r}.")
        tar.extract(member, root, set_attrs=False)  # modes and owners not from the archive


def extract_directory(
    *, archive_path: Path, key: bytes, dest: Path, progress: Progress | None = None
) -> tuple[str, dict]:
    """Unpack an archive into ``dest``; returns (archive sha, {path: (sha, size)})."""
    archive_sha = hashlib.sha256()
    with open(archive_path, "rb") as f:
        stream = crypto.PlainReader(
            crypto.iter_plain(f, key, sha256=archive_sha, on_raw=Throttle(progress, "verifikasi"))
        )
        try:
            with tarfile.open(fileobj=stream, mode="r|") as tar:
                if hasattr(tarfile, "data_filter"):  # PEP 706: Python 3.11.4 and later
                    tar.extractall(dest, filter="data")
                else:
                    extract_safely(tar, dest)
        except tarfile.TarError as exc:
            raise BackupError(f"Isi arsip tar rusak: {exc}") from exc
        # tarfile may stop before the final chunk; drain it so truncation is caught.
        while stream.read(READ_SIZE):
            pass
    found = {}
    for root, _dirs, names in os.walk(dest):
        for name in names:
            full = Path(root) / name
            sha, size = hashlib.sha256(), 0
            with open(full, "rb") as f:
                while chunk := f.read(READ_SIZE):
                    sha.update(chunk)
                    size += len(chunk)
            found[full.relative_to(dest).as_posix()] = (sha.hexdigest(), size)
    return archive_sha.hexdigest(), found


def verify_directory(*, archive_path: Path, manifest: dict, key: bytes, progress: Progress | None = None) -> dict:
    """Unpack to a temporary directory and compare every file's checksum."""
    with tempfile.TemporaryDirectory() as tmp:
        archive_sha, found = extract_directory(archive_path=archive_path, key=key, dest=Path(tmp), progress=progress)
        compare_checksums(manifest, archive_sha, found)
    return {"files": len(found)}


# --- Checksums only -------------------------------------------------------------------


def archive_checksum(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(READ_SIZE):
            sha.update(chunk)
    return sha.hexdigest()


def copy_file_verified(src: Path, dest: Path, expected_sha: str) -> None:
    """Copy to a medium under a temporary name, fsync, rename, then read it back and compare."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    temp = dest.with_name(dest.name + ".part")
    try:
        with open(src, "rb") as s, open(temp, "wb") as d:
            shutil.copyfileobj(s, d, READ_SIZE)
            d.flush()
            os.fsync(d.fileno())
        os.replace(temp, dest)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise BackupError(_oserror_message(exc, dest)) from exc
    if archive_checksum(dest) != expected_sha:
        raise BackupError(f"Salinan {dest} tidak sama dengan aslinya (checksum SHA-256 berbeda).")


__all__ = ["BackupCryptoError", "BackupError", "PgTarget"]
