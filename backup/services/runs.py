"""Backup runs: requested, executed (dump, verification, second storage), finished and reported (Pasal 18)."""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import crypto, engine
from ..engine import BackupError
from ..models import BackupRun, BackupSource
from .common import EXPECTED_ERRORS, logger
from .notify import _notify_failure
from .retention import retention_prune
from .sources import source_description, source_pg_target, verify_server_for
from .takeover import (
    _abandoned,
    _LeaseKeeper,
    _progress_writer,
    _release_stale,
    _run_take_over,
)


def run_request(*, source: BackupSource, user=None, queue: bool = True) -> BackupRun:
    """Queue a backup of ``source``; refused while another run of it holds the lock.

    ``queue=False`` leaves the run for the caller to execute (the backup_run command).
    """
    now = timezone.now()
    with transaction.atomic():
        source = BackupSource.objects.select_for_update().get(pk=source.pk)
        active = BackupRun.objects.filter(sumber=source, status__in=BackupRun.ACTIVE).first()
        if active and _abandoned(active, now=now):
            _release_stale(active, now=now)
            active = None
        if active:
            raise ValidationError(
                f"Backup {source.nama} sedang {active.get_status_display().lower()} (#{active.pk}); "
                "tunggu sampai selesai."
            )
        try:
            with transaction.atomic():
                run = BackupRun.objects.create(
                    sumber=source,
                    dimulai_oleh=user,
                    lease_sampai=now + timedelta(seconds=settings.BACKUP_QUEUE_LEASE_SECONDS),
                )
        except IntegrityError as exc:  # another request won the race
            raise ValidationError(f"Backup {source.nama} sudah berjalan; tunggu sampai selesai.") from exc

        def _queue():
            from kombu.exceptions import OperationalError

            from ..tasks import backup_run_task

            try:
                backup_run_task.delay(run.pk)
            except OperationalError:  # the broker (Redis) is away: say so, do not hold the source for hours
                logger.warning("Broker tidak tersedia; backup #%s tidak diantre", run.pk)
                BackupRun.objects.filter(pk=run.pk, status=BackupRun.Status.ANTRI).update(
                    status=BackupRun.Status.GAGAL,
                    selesai=timezone.now(),
                    lease_sampai=None,
                    pesan="Antrean tugas (broker Redis) tidak dapat dihubungi; backup tidak dijalankan. "
                    "Coba lagi setelah Redis pulih.",
                )

        if queue:
            transaction.on_commit(_queue)
    return run


def _archive_path(run: BackupRun) -> Path:
    stamp = timezone.localtime(run.mulai).strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_ROOT) / run.sumber.slug / f"{run.sumber.slug}-{stamp}-{run.pk}.lpsebak"


def _dump(run: BackupRun, *, key: bytes, final_path: Path, progress) -> dict:
    source = run.sumber
    kinds = BackupSource.Jenis
    target = source_pg_target(source)
    if target is not None:
        return engine.backup_postgres(
            target=target, final_path=final_path, key=key, bin_dir=settings.BACKUP_PG_BIN_DIR, progress=progress
        )
    if source.jenis in (kinds.PORTAL_DB, kinds.SQLITE):
        path = Path(settings.DATABASES["default"]["NAME"]) if source.jenis == kinds.PORTAL_DB else Path(source.path)
        return engine.backup_sqlite(path=path, final_path=final_path, key=key, progress=progress)
    path = Path(settings.MEDIA_ROOT) if source.jenis == kinds.PORTAL_MEDIA else Path(source.path)
    return engine.backup_directory(
        path=path,
        include=source.patterns("include"),
        exclude=source.patterns("exclude"),
        final_path=final_path,
        key=key,
        progress=progress,
    )


def archive_verify(*, source: BackupSource, archive_path: Path, manifest: dict, key: bytes, progress=None) -> dict:
    """The restore test (issue 6): scratch database, SQLite integrity check or unpacked tar."""
    if not archive_path.is_file():
        raise BackupError(f"Arsip {archive_path.name} tidak ditemukan di {archive_path.parent}.")
    fmt = manifest.get("format")
    if fmt == "pg_dump-custom":
        return engine.verify_postgres(
            archive_path=archive_path,
            manifest=manifest,
            key=key,
            server=verify_server_for(source),
            bin_dir=settings.BACKUP_PG_BIN_DIR,
            progress=progress,
        )
    if fmt == "sqlite":
        return engine.verify_sqlite(archive_path=archive_path, manifest=manifest, key=key, progress=progress)
    return engine.verify_directory(archive_path=archive_path, manifest=manifest, key=key, progress=progress)


def _copy_to_second_storage(run: BackupRun) -> str:
    alias = settings.BACKUP_SECOND_STORAGE
    if not alias:
        return ""
    from django.core.files import File
    from django.core.files.storage import storages

    storage = storages[alias]
    for path in (run.arsip_path, run.manifest_path):
        name = f"{run.sumber.slug}/{path.name}"
        with open(path, "rb") as f:
            storage.save(name, File(f))
    return f" Salinan kedua tersimpan di penyimpanan '{alias}'."


def run_execute(*, run_id: int) -> BackupRun:
    """Dump, write, verify and record one queued run; "berhasil" only when the restore test passed.

    A run still "berjalan" whose lease has expired lost its worker (SIGKILL, a
    machine gone) and this is its task handed out again by the broker: the run
    is taken over, what the dead attempt wrote is discarded, and it starts over
    under the same id, so it still ends with one archive. A run whose lease is
    alive is left to its worker and returned as it is (the task asks again later).
    """
    now = timezone.now()
    lease = now + timedelta(seconds=settings.BACKUP_LEASE_SECONDS)
    fresh = {"status": BackupRun.Status.BERJALAN, "fase": BackupRun.Fase.DUMP, "mulai": now, "lease_sampai": lease}
    claimed = BackupRun.objects.filter(pk=run_id, status=BackupRun.Status.ANTRI).update(**fresh)
    if not claimed:
        claimed = _run_take_over(run_id=run_id, now=now, fresh=fresh)
    run = BackupRun.objects.select_related("sumber").get(pk=run_id)
    if not claimed:
        return run
    progress = _progress_writer(run.pk, run.mulai)
    keeper = _LeaseKeeper(run.pk, run.mulai)
    keeper.start()
    try:
        return _run_body(run, progress)
    finally:
        keeper.stopped.set()
        keeper.join(timeout=5)


def _run_body(run: BackupRun, progress) -> BackupRun:
    try:
        key = crypto.load_key()
        final_path = _archive_path(run)
        result = _dump(run, key=key, final_path=final_path, progress=progress)
        manifest = engine.sign_manifest(
            {
                "format_manifest": 1,
                "run": run.pk,
                "host": socket.gethostname(),
                "source": {
                    "id": run.sumber.pk,
                    "slug": run.sumber.slug,
                    "nama": run.sumber.nama,
                    "jenis": run.sumber.jenis,
                    "target": source_description(run.sumber),
                },
                "started": run.mulai.isoformat(),
                "finished": timezone.now().isoformat(),
                **result,
            },
            key,
        )
        engine.write_json_atomic(
            final_path.with_name(final_path.name.removesuffix(".lpsebak") + ".manifest.json"), manifest
        )
        run.arsip = final_path.relative_to(Path(settings.BACKUP_ROOT)).as_posix()
        run.ukuran = result["archive"]["size"]
        run.sha256 = result["archive"]["sha256"]
        run.manifest = manifest
        run.save(update_fields=["arsip", "ukuran", "sha256", "manifest"])
        progress(BackupRun.Fase.VERIFIKASI, 0)
        detail = archive_verify(
            source=run.sumber, archive_path=final_path, manifest=manifest, key=key, progress=progress
        )
        note = _copy_to_second_storage(run)
    except EXPECTED_ERRORS as exc:
        message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        return _run_finish(run, ok=False, message=message)
    except Exception as exc:
        logger.exception("Backup #%s gagal tak terduga", run.pk)
        return _run_finish(run, ok=False, message=f"Kesalahan tak terduga: {exc.__class__.__name__}: {exc}")
    message = "Arsip lengkap, checksum cocok, dan uji pemulihan berhasil"
    if detail.get("tables"):
        message += f" ({detail['tables']} tabel, jumlah baris sama dengan manifest)"
    finished = _run_finish(run, ok=True, message=message + "." + note)
    if finished.mulai != run.mulai:  # taken over while this worker stalled: its archive is not the run's
        for path in (final_path, run.manifest_path):
            path.unlink(missing_ok=True)
    elif finished.status == BackupRun.Status.BERHASIL:
        retention_prune(source=finished.sumber)
    return finished


def _run_finish(run: BackupRun, *, ok: bool, message: str) -> BackupRun:
    with transaction.atomic():
        current = BackupRun.objects.select_for_update().select_related("sumber").get(pk=run.pk)
        if current.status != BackupRun.Status.BERJALAN or current.mulai != run.mulai:
            return current  # the reaper gave it up, or another worker took it over, meanwhile
        now = timezone.now()
        if current.sha256:  # an archive was written, so verification ran (or was reached)
            current.verifikasi_ok = ok
            current.verifikasi_pada = now
        current.status = BackupRun.Status.BERHASIL if ok else BackupRun.Status.GAGAL
        current.fase = BackupRun.Fase.SELESAI
        current.selesai = now
        current.lease_sampai = None
        current.pesan = message
        current.full_clean(exclude=["dimulai_oleh", "sumber"])
        current.save()
        if not ok:
            _notify_failure(current)
    return current
