"""Directories: tar the files that match, verify and extract safely."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import tarfile
import tempfile
from pathlib import Path

from .. import crypto
from .archive import Throttle, base_versions, write_archive
from .common import READ_SIZE, BackupError, Progress, compare_checksums

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
