"""Writing encrypted archives and signed manifests to disk, and checksummed copies of them."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import platform
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from .. import crypto
from .common import READ_SIZE, BackupError, Progress

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
