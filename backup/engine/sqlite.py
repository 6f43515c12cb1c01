"""SQLite: copy through the online backup API, verify by counting rows."""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from pathlib import Path

from .. import crypto
from .archive import Throttle, base_versions, write_archive
from .common import READ_SIZE, BackupError, Progress, compare_checksums, compare_counts

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
