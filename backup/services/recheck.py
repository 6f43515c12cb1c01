"""Weekly re-verification of retained archives (bit rot)."""

from __future__ import annotations

import json

from django.utils import timezone

from .. import crypto, engine
from ..engine import BackupCryptoError, BackupError
from ..models import BackupRun
from .notify import _notify_failure

# --- Weekly re-verification (bit rot) ------------------------------------------------


def run_recheck(*, run: BackupRun, key: bytes | None = None) -> bool:
    """Re-read a retained archive: its checksum and its manifest file must still match the record."""
    try:
        if not run.arsip_path.is_file():
            raise BackupError(f"Arsip {run.arsip} hilang dari BACKUP_ROOT.")
        if engine.archive_checksum(run.arsip_path) != run.sha256:
            raise BackupError("Checksum SHA-256 arsip berubah sejak dibuat (kerusakan data / bit rot).")
        on_disk = json.loads(run.manifest_path.read_text(encoding="utf-8"))
        if on_disk != run.manifest:
            raise BackupError("Berkas manifest di samping arsip berbeda dengan catatan di basis data (telah diubah).")
        engine.check_manifest_signature(on_disk, key or crypto.load_key())
        ok, message = True, ""
    except (BackupError, BackupCryptoError, OSError, ValueError) as exc:
        ok, message = False, str(exc)
    run.cek_ulang_pada = timezone.now()
    run.cek_ulang_ok = ok
    fields = ["cek_ulang_pada", "cek_ulang_ok"]
    if not ok:
        run.pesan = f"Cek ulang mingguan gagal: {message}"
        fields.append("pesan")
    run.save(update_fields=fields)
    if not ok:
        _notify_failure(run, subject=f"[Backup RUSAK] {run.sumber.nama} #{run.pk}")
    return ok


def runs_recheck_retained() -> dict:
    """Weekly: re-check every retained successful archive."""
    result = {"ok": 0, "gagal": 0}
    try:
        key = crypto.load_key()
    except BackupCryptoError:
        key = None
    for run in BackupRun.objects.select_related("sumber").filter(status=BackupRun.Status.BERHASIL, dipangkas_pada=None):
        ok = run_recheck(run=run, key=key)
        result["ok" if ok else "gagal"] += 1
    return result
