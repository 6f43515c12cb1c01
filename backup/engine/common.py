"""Types and checks shared by every kind of backup: the error shown to staff, the PostgreSQL
target, manifest comparisons."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg2

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
