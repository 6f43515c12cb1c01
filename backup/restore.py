"""Restoring a backup for real (docs/restore.md): into an empty PostgreSQL database, a new
SQLite file or a new directory. Works from a run in the portal's database or, when the
portal itself is lost, from the manifest file beside the archive (e.g. on a portable medium).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import crypto, engine
from .engine import BackupError, PgTarget


@dataclass
class Backup:
    manifest: dict
    archive: Path
    label: str


def locate(ref: str, key: bytes) -> Backup:
    """A run number or a path to a ``.manifest.json``; the manifest signature is checked either way."""
    if ref.isdigit():
        from .models import BackupRun

        run = BackupRun.objects.select_related("sumber").filter(pk=int(ref)).first()
        if run is None:
            raise BackupError(f"Backup #{ref} tidak ada di basis data portal.")
        if not run.manifest:
            raise BackupError(f"Backup #{ref} tidak memiliki arsip ({run.get_status_display()}: {run.pesan}).")
        if run.dipangkas_pada:
            raise BackupError(f"Arsip backup #{ref} sudah dihapus oleh aturan retensi; pakai salinan di media.")
        manifest, archive, label = run.manifest, run.arsip_path, f"#{run.pk} {run.sumber.nama}"
    else:
        path = Path(ref)
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BackupError(f"Manifest {path} tidak dapat dibaca: {exc.strerror}.") from exc
        except ValueError as exc:
            raise BackupError(f"Manifest {path} bukan JSON yang sah (rusak atau telah diubah).") from exc
        if not isinstance(manifest, dict) or "archive" not in manifest:
            raise BackupError(f"{path} bukan manifest backup portal.")
        archive, label = path.with_name(manifest["archive"]["name"]), path.name
    made_with = manifest.get("archive", {}).get("key_id")
    if made_with and made_with != crypto.key_id(key):
        raise BackupError(
            f"Kunci enkripsi salah: backup ini dibuat dengan kunci {made_with}, sedangkan kunci yang dipasang "
            f"adalah {crypto.key_id(key)}. Pasang kunci yang benar (lihat docs/restore.md) lalu ulangi."
        )
    engine.check_manifest_signature(manifest, key)
    if not archive.is_file():
        raise BackupError(f"Arsip {archive} tidak ditemukan.")
    return Backup(manifest=manifest, archive=archive, label=label)


def _decrypt_check(backup: Backup, key: bytes, sink: Callable[[bytes], None] | None = None) -> None:
    """Read the whole archive once: authenticate, decompress and compare both checksums."""
    archive_sha, sha, size = hashlib.sha256(), hashlib.sha256(), 0
    with open(backup.archive, "rb") as f:
        for chunk in crypto.iter_plain(f, key, sha256=archive_sha):
            sha.update(chunk)
            size += len(chunk)
            if sink:
                sink(chunk)
    name = backup.manifest["files"][0]["path"]
    engine.compare_checksums(backup.manifest, archive_sha.hexdigest(), {name: (sha.hexdigest(), size)})


def _pg_target_is_empty(target: PgTarget) -> None:
    conn = target.connect()
    try:
        with conn.cursor() as cur:
            tables = engine._user_tables(cur)
    finally:
        conn.close()
    if tables:
        raise BackupError(
            f"Basis data tujuan {target.dbname} tidak kosong ({len(tables)} tabel). Buat basis data baru yang "
            f"kosong (createdb) agar data yang ada tidak tertimpa."
        )


def restore(*, ref: str, target: str, key: bytes, dry_run: bool, say: Callable[[str], None]) -> dict:
    """Restore one backup into ``target``; with ``dry_run`` only check everything and say what would happen."""
    backup = locate(ref, key)
    fmt = backup.manifest.get("format")
    say(f"1. Manifest {backup.label} sah (tanda tangan cocok dengan kunci {crypto.key_id(key)}).")
    if fmt == "pg_dump-custom":
        pg = PgTarget.from_url(target)
        _pg_target_is_empty(pg)
        say(f"2. Basis data tujuan {pg.dbname} di {pg.host}:{pg.port} dapat dihubungi dan kosong.")
        if dry_run:
            _decrypt_check(backup, key)
            say("3. Arsip dibaca penuh: dekripsi berhasil, checksum arsip dan dump cocok dengan manifest.")
            say(f"4. (dry-run) pg_restore ke {pg.dbname} tidak dijalankan.")
            return {"dry_run": True}
        engine._pg_restore_stream(
            archive_path=backup.archive,
            key=key,
            target=pg,
            dbname=pg.dbname,
            bin_dir=settings.BACKUP_PG_BIN_DIR,
            progress=None,
        )
        say("3. pg_restore selesai.")
        conn = pg.connect()
        try:
            with conn.cursor() as cur:
                counts = engine.pg_row_counts(cur)
        finally:
            conn.close()
        engine.compare_counts(backup.manifest.get("tables", {}), counts)
        say(f"4. Jumlah baris {len(counts)} tabel sama dengan manifest.")
        return {"tables": counts}
    if fmt == "sqlite":
        dest = Path(target.removeprefix("sqlite:///")) if target.startswith("sqlite:") else Path(target)
        if dest.exists():
            raise BackupError(f"Berkas tujuan {dest} sudah ada; sebutkan nama berkas baru.")
        if not dest.parent.is_dir():
            raise BackupError(f"Folder {dest.parent} tidak ada.")
        say(f"2. Berkas tujuan {dest} belum ada.")
        if dry_run:
            _decrypt_check(backup, key)
            say("3. Arsip dibaca penuh: dekripsi berhasil dan checksum cocok. (dry-run) Tidak ada yang ditulis.")
            return {"dry_run": True}
        temp = dest.with_name(dest.name + ".part")
        try:
            with open(temp, "wb") as out:
                _decrypt_check(backup, key, sink=out.write)
                out.flush()
                os.fsync(out.fileno())
            conn = sqlite3.connect(temp)
            try:
                if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("PRAGMA integrity_check gagal pada hasil pemulihan.")
                counts = engine._sqlite_counts(conn)
            finally:
                conn.close()
            engine.compare_counts(backup.manifest.get("tables", {}), counts)
            os.replace(temp, dest)
        finally:
            temp.unlink(missing_ok=True)
        say(f"3. {dest} dipulihkan; integrity_check ok dan jumlah baris sama dengan manifest.")
        return {"tables": counts}
    dest = Path(target)
    if not dest.is_absolute():
        raise BackupError("Folder tujuan harus path absolut.")
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"Folder tujuan {dest} tidak kosong; sebutkan folder baru.")
    say(f"2. Folder tujuan {dest} kosong atau belum ada.")
    if dry_run:
        with tempfile.TemporaryDirectory() as tmp:
            archive_sha, found = engine.extract_directory(archive_path=backup.archive, key=key, dest=Path(tmp))
            engine.compare_checksums(backup.manifest, archive_sha, found)
        say(f"3. Arsip dibuka di folder sementara: {len(found)} berkas, semua checksum cocok. (dry-run)")
        return {"dry_run": True}
    dest.mkdir(parents=True, exist_ok=True)
    archive_sha, found = engine.extract_directory(archive_path=backup.archive, key=key, dest=dest)
    engine.compare_checksums(backup.manifest, archive_sha, found)
    say(f"3. {len(found)} berkas dipulihkan ke {dest}; semua checksum cocok dengan manifest.")
    return {"files": len(found)}


__all__ = ["Backup", "locate", "restore"]
