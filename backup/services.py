"""Backup SOP services (Perbup Karo 02/2017 Pasal 18): runs, verification, retention, media custody.

Slow work (pg_dump, restore tests, copies) runs outside transactions; each
state change is a short transaction of its own.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from infrastruktur.models import Aset
from lpse import roles
from lpse.mail import queue_email

from . import crypto, engine
from .engine import BackupCryptoError, BackupError, PgTarget
from .models import BackupPolicy, BackupRun, BackupSource, MediaBackup, MediaCopy, PruneLog

logger = logging.getLogger(__name__)
EXPECTED_ERRORS = (BackupError, BackupCryptoError, ValidationError, OSError)


# --- Sources -----------------------------------------------------------------------


@transaction.atomic
def source_save(*, source: BackupSource) -> BackupSource:
    """Validate and save a backup source (the form already checked the fields)."""
    source.full_clean()
    source.save()
    return source


def portal_pg_target() -> PgTarget | None:
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        return None
    return PgTarget(
        host=db.get("HOST") or "127.0.0.1",
        port=int(db.get("PORT") or 5432),
        dbname=db["NAME"],
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or "",
    )


def source_pg_target(source: BackupSource) -> PgTarget | None:
    if source.jenis == BackupSource.Jenis.PORTAL_DB:
        return portal_pg_target()
    if source.jenis == BackupSource.Jenis.POSTGRES:
        return PgTarget(
            host=source.host,
            port=source.port,
            dbname=source.nama_db,
            user=source.pengguna,
            password=source.password(),
        )
    return None


def verify_server_for(source: BackupSource) -> PgTarget:
    """Where scratch databases are created: BACKUP_VERIFY_DATABASE_URL, the portal's server, or the source's."""
    url = settings.BACKUP_VERIFY_DATABASE_URL
    if url:
        return PgTarget.from_url(url)
    return portal_pg_target() or source_pg_target(source)


def source_description(source: BackupSource) -> str:
    if source.jenis == BackupSource.Jenis.PORTAL_DB:
        target = portal_pg_target()
        return f"{target.host}:{target.port}/{target.dbname}" if target else str(settings.DATABASES["default"]["NAME"])
    if source.jenis == BackupSource.Jenis.POSTGRES:
        return f"{source.host}:{source.port}/{source.nama_db}"
    if source.jenis == BackupSource.Jenis.PORTAL_MEDIA:
        return str(settings.MEDIA_ROOT)
    return source.path


# --- Runs --------------------------------------------------------------------------


def _release_stale(run: BackupRun, *, now) -> None:
    """A run whose lease expired: its worker died. Mark it failed and remove its half-written file."""
    reason = (
        "Backup tidak pernah dijalankan worker (antrian kedaluwarsa)."
        if run.status == BackupRun.Status.ANTRI
        else "Proses backup terhenti di tengah jalan (worker mati atau dihentikan); arsip tidak dipakai."
    )
    run.status = BackupRun.Status.GAGAL
    run.selesai = now
    run.pesan = reason
    run.lease_sampai = None
    run.save(update_fields=["status", "selesai", "pesan", "lease_sampai"])
    for path in _partial_files(run):
        path.unlink(missing_ok=True)
    if run.sumber.jenis in (BackupSource.Jenis.PORTAL_DB, BackupSource.Jenis.POSTGRES):
        try:
            engine.drop_scratch_databases(server=verify_server_for(run.sumber), run_id=run.pk)
        except (BackupError, ValidationError):
            logger.warning("Basis data uji sisa backup #%s tidak dapat dihapus", run.pk)
    _notify_failure(run)


def _partial_files(run: BackupRun) -> list[Path]:
    folder = Path(settings.BACKUP_ROOT) / run.sumber.slug
    if not folder.is_dir():
        return []
    return list(folder.glob(f"*-{run.pk}.*.part"))


def _attempt_files(run: BackupRun) -> list[Path]:
    """Everything an earlier attempt at this run wrote: half-written parts, and an
    archive and manifest written before the worker died in the restore test."""
    folder = Path(settings.BACKUP_ROOT) / run.sumber.slug
    if not folder.is_dir():
        return []
    return list(folder.glob(f"{run.sumber.slug}-*-{run.pk}.*"))


def _abandoned(run: BackupRun, *, now) -> bool:
    """The run's worker is gone and no redelivered task will take it over any more.

    A queued run's lease is the queue's; a running run's lease is renewed while
    its worker lives, and after it expires the broker still hands the task out
    again (visibility timeout) for run_execute to take over: only after
    BACKUP_TAKEOVER_GRACE_SECONDS more is the run given up.
    """
    if not run.lease_sampai:
        return False
    if run.status == BackupRun.Status.BERJALAN:
        return run.lease_sampai < now - timedelta(seconds=settings.BACKUP_TAKEOVER_GRACE_SECONDS)
    return run.lease_sampai < now


def runs_reap_stale(*, now=None) -> int:
    """Fail every run whose lease has expired (the lock that survives a worker crash)."""
    now = now or timezone.now()
    count = 0
    for run_id in BackupRun.objects.filter(status__in=BackupRun.ACTIVE, lease_sampai__lt=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            run = (
                BackupRun.objects.select_for_update()
                .select_related("sumber")
                .filter(pk=run_id, status__in=BackupRun.ACTIVE, lease_sampai__lt=now)
                .first()
            )
            if run and _abandoned(run, now=now):
                _release_stale(run, now=now)
                count += 1
    return count


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

            from .tasks import backup_run_task

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


def _progress_writer(run_id: int, mulai):
    # ``mulai`` fences the attempt: a worker presumed dead that wakes up after a
    # takeover no longer renews (or finishes) the run of its successor.
    def progress(phase: str, done: int) -> None:
        BackupRun.objects.filter(pk=run_id, status=BackupRun.Status.BERJALAN, mulai=mulai).update(
            fase=phase,
            bytes_selesai=done,
            lease_sampai=timezone.now() + timedelta(seconds=settings.BACKUP_LEASE_SECONDS),
        )

    return progress


class _LeaseKeeper(threading.Thread):
    """Renews the run's lease while this process lives, also through long silent phases
    (index builds of pg_restore). A killed worker stops renewing, and the lease expires."""

    def __init__(self, run_id: int, mulai=None):
        super().__init__(daemon=True, name=f"backup-lease-{run_id}")
        self.run_id = run_id
        self.mulai = mulai
        self.stopped = threading.Event()

    def run(self):
        mine = {"mulai": self.mulai} if self.mulai else {}
        try:
            while not self.stopped.wait(max(settings.BACKUP_LEASE_SECONDS / 4, 1)):
                BackupRun.objects.filter(pk=self.run_id, status=BackupRun.Status.BERJALAN, **mine).update(
                    lease_sampai=timezone.now() + timedelta(seconds=settings.BACKUP_LEASE_SECONDS)
                )
        except Exception:  # the next progress write renews the lease anyway
            logger.warning("Lease backup #%s tidak dapat diperbarui", self.run_id, exc_info=True)
        finally:
            connection.close()


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


def _run_take_over(*, run_id: int, now, fresh: dict) -> bool:
    """Claim a running run whose worker stopped renewing its lease; discard that attempt's files."""
    with transaction.atomic():
        run = (
            BackupRun.objects.select_for_update()
            .select_related("sumber")
            .filter(pk=run_id, status=BackupRun.Status.BERJALAN, lease_sampai__lt=now)
            .first()
        )
        if run is None:
            return False
        logger.warning("Backup #%s diambil alih: worker sebelumnya berhenti di fase %s", run.pk, run.fase)
        BackupRun.objects.filter(pk=run.pk).update(
            **fresh, bytes_selesai=0, arsip="", ukuran=None, sha256="", manifest={}, verifikasi_ok=None
        )
    for path in _attempt_files(run):
        path.unlink(missing_ok=True)
    if run.sumber.jenis in (BackupSource.Jenis.PORTAL_DB, BackupSource.Jenis.POSTGRES):
        try:
            engine.drop_scratch_databases(server=verify_server_for(run.sumber), run_id=run.pk)
        except (BackupError, ValidationError):
            logger.warning("Basis data uji sisa backup #%s tidak dapat dihapus", run.pk)
    return True


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


def _staff_emails() -> list[str]:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(groups__name__in=[roles.ADMIN_SISTEM, roles.KABID_ADMIN_SISTEM], is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _notify_failure(run: BackupRun, *, subject: str | None = None) -> None:
    """Email the Bidang Administrasi Sistem Elektronik (Pasal 18)."""
    from django.urls import reverse

    url = settings.SITE_URL.rstrip("/") + reverse("backup:run", args=[run.pk])
    queue_email(
        subject=subject or f"[Backup GAGAL] {run.sumber.nama} #{run.pk}",
        body=(
            f"Backup {run.sumber.nama} (#{run.pk}) tidak berhasil.\n\nAlasan: {run.pesan}\n\n"
            f"Rincian: {url}\n\nPerbup Karo 02/2017 Pasal 18 mewajibkan backup basis data dan berkas sistem SPSE."
        ),
        recipients=_staff_emails(),
    )


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


# --- Retention (grandfather-father-son) ------------------------------------------


def retention_keep(*, runs: list[BackupRun], policy: BackupPolicy) -> set[int]:
    """Ids to keep among successful runs (newest first): N daily, weekly and monthly, plus the last good one."""
    keep: set[int] = set()
    last_good = next((r for r in runs if r.cek_ulang_ok is not False), None)
    if last_good:
        keep.add(last_good.pk)
    buckets = (
        (policy.harian, lambda d: d.date()),
        (policy.mingguan, lambda d: d.isocalendar()[:2]),
        (policy.bulanan, lambda d: (d.year, d.month)),
    )
    for count, bucket in buckets:
        seen: set = set()
        for run in runs:
            slot = bucket(timezone.localtime(run.mulai))
            if slot in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(slot)
            keep.add(run.pk)
    return keep


def retention_prune(*, source: BackupSource, now=None) -> list[PruneLog]:
    """Delete archives outside the policy; the last successful verified backup is never deleted."""
    now = now or timezone.now()
    policy = BackupPolicy.current()
    with transaction.atomic():
        BackupSource.objects.select_for_update().get(pk=source.pk)
        good = list(
            BackupRun.objects.filter(sumber=source, status=BackupRun.Status.BERHASIL, dipangkas_pada=None).order_by(
                "-mulai"
            )
        )
        keep = retention_keep(runs=good, policy=policy)
        doomed = [r for r in good if r.pk not in keep]
        reason = f"Di luar retensi {policy.harian} harian / {policy.mingguan} mingguan / {policy.bulanan} bulanan"
        # Archives of failed runs are kept for inspection as long as the daily window.
        cutoff = now - timedelta(days=policy.harian)
        failed = list(
            BackupRun.objects.filter(
                sumber=source, status=BackupRun.Status.GAGAL, dipangkas_pada=None, dibuat__lt=cutoff
            ).exclude(arsip="")
        )
        logs = []
        for run, why in [(r, reason) for r in doomed] + [
            (r, "Arsip backup gagal, melewati masa simpan") for r in failed
        ]:
            for path in (run.arsip_path, run.manifest_path):
                path.unlink(missing_ok=True)
            run.dipangkas_pada = now
            run.save(update_fields=["dipangkas_pada"])
            logs.append(PruneLog.objects.create(run=run, arsip=run.arsip, sha256=run.sha256, alasan=why))
            logger.info("Retensi: arsip %s dihapus (%s)", run.arsip, why)
    return logs


@transaction.atomic
def policy_update(*, policy: BackupPolicy) -> BackupPolicy:
    policy.full_clean()
    policy.save()
    return policy


# --- Portable media (Pasal 18(2)) ---------------------------------------------------


def media_copy_write(
    *, medium: MediaBackup, runs: list[BackupRun], dest: Path, lokasi: str, terpisah: bool, user=None
) -> MediaCopy:
    """Write archives and manifests to a mounted medium, read them back, record the copy.

    The location check (Pasal 18(2)) comes first: nothing is copied for a
    medium that would stay in the server room.
    """
    copy = MediaCopy(
        medium=medium,
        disalin_oleh=user,
        disalin_pada=timezone.now(),
        path_media=str(dest),
        lokasi_simpan=lokasi,
        terpisah_dari_ruang_server=terpisah,
        status=MediaCopy.Status.BERHASIL,
    )
    copy.full_clean(exclude=["checksums"])
    if not runs:
        raise ValidationError("Pilih minimal satu backup yang berhasil untuk disalin.")
    bad = [r for r in runs if r.status != BackupRun.Status.BERHASIL or r.dipangkas_pada]
    if bad:
        raise ValidationError(f"Hanya backup berhasil yang arsipnya masih ada yang dapat disalin (#{bad[0].pk}).")
    if not dest.is_absolute() or not dest.is_dir():
        raise ValidationError(f"Folder media {dest} tidak ada atau belum dipasang (mount).")
    checksums, errors = [], []
    for run in runs:
        target = dest / run.sumber.slug / run.arsip_path.name
        try:
            engine.copy_file_verified(run.arsip_path, target, run.sha256)
            engine.copy_file_verified(
                run.manifest_path, target.parent / run.manifest_path.name, engine.archive_checksum(run.manifest_path)
            )
            checksums.append({"run": run.pk, "arsip": run.arsip_path.name, "sha256": run.sha256, "ok": True})
        except (BackupError, OSError) as exc:
            errors.append(f"#{run.pk}: {exc}")
            checksums.append({"run": run.pk, "arsip": run.arsip_path.name, "sha256": run.sha256, "ok": False})
    copy.checksums = checksums
    if errors:
        copy.status = MediaCopy.Status.GAGAL
        copy.pesan = "Verifikasi salinan gagal: " + "; ".join(errors)
    else:
        copy.pesan = f"{len(runs)} arsip tersalin dan checksum SHA-256 sama dengan aslinya."
    with transaction.atomic():
        copy.save()
        copy.runs.set(runs)
        _medium_located(medium, lokasi)
    return copy


def _medium_located(medium: MediaBackup, lokasi: str) -> None:
    """The asset register shows where a medium is kept: the place of its latest copy."""
    aset = medium.aset
    if aset.ruang != lokasi[:100]:
        aset.ruang = lokasi[:100]
        aset.save(update_fields=["ruang"])


def _kepala_bidang_sistem():
    from lpse import roles
    from lpse.models import User

    return User.objects.filter(is_active=True, groups__name=roles.KABID_ADMIN_SISTEM).order_by("pk").first()


def media_copy_handover(*, copy: MediaCopy, penerima: str, jabatan: str, lokasi: str, terpisah: bool, user):
    """Record the hand-over of a medium and issue the numbered Berita Acara Serah Terima Media Backup."""
    from lpse.documents import dokumen_issue

    if copy.berita_acara_id:
        raise ValidationError("Berita acara serah terima untuk salinan ini sudah dibuat.")
    copy.diserahkan_kepada = penerima
    copy.jabatan_penerima = jabatan
    copy.lokasi_simpan = lokasi
    copy.terpisah_dari_ruang_server = terpisah
    copy.full_clean()
    with transaction.atomic():
        copy.save(
            update_fields=["diserahkan_kepada", "jabatan_penerima", "lokasi_simpan", "terpisah_dari_ruang_server"]
        )
        if copy.medium.salinan.order_by("-disalin_pada").values_list("pk", flat=True).first() == copy.pk:
            _medium_located(copy.medium, lokasi)
    kabid = _kepala_bidang_sistem()
    kabid = kabid if kabid is not None and kabid != user else None
    dokumen = dokumen_issue(
        kode="BA-BCK",
        jenis="Berita Acara Serah Terima Media Backup",
        perihal=f"Serah terima media backup {copy.medium.label}",
        template="backup/ba_serah_terima.html",
        context={
            "salinan": copy,
            "runs": list(copy.runs.select_related("sumber")),
            "penyerah": user,
            "mengetahui": kabid,
        },
        user=user,
        # Signed in turn (issue 12): who hands over, then the Kepala Bidang who knows of it.
        penandatangan=[(user, "Yang menyerahkan")] + ([(kabid, "Mengetahui")] if kabid else []),
        in_background=True,
    )
    copy.berita_acara = dokumen
    copy.save(update_fields=["berita_acara"])
    return dokumen


MEDIA_PERAN = "Media backup portabel (Pasal 18 ayat 2)"


def medium_aset_check(*, label: str, aset: Aset | None) -> None:
    """Raise the form's message when a new medium with this label cannot get its asset."""
    _medium_aset(medium=MediaBackup(label=label), aset=aset)


def _medium_aset(*, medium: MediaBackup, aset: Aset | None) -> Aset:
    """The register's asset for a new medium: the one named, an unlinked media asset of
    the same name, or a new one — so staff register a medium once."""
    if aset is not None:
        if aset.jenis != Aset.Jenis.MEDIA_BACKUP:
            raise ValidationError({"aset": f"Aset {aset.nama} bukan berjenis media backup portabel."})
        if MediaBackup.objects.filter(aset=aset).exists():
            raise ValidationError({"aset": f"Aset {aset.nama} sudah tertaut ke media backup lain."})
        return aset
    same_name = Aset.objects.filter(nama=medium.label).first()
    if same_name is None:
        return Aset(
            nama=medium.label,
            jenis=Aset.Jenis.MEDIA_BACKUP,
            peran=MEDIA_PERAN,
            pemilik="Bidang Administrasi Sistem Elektronik",
            # Archives hold NIK and other personal data.
            kerahasiaan=3,
            integritas=3,
            ketersediaan=2,
        )
    if same_name.jenis != Aset.Jenis.MEDIA_BACKUP or MediaBackup.objects.filter(aset=same_name).exists():
        raise ValidationError(
            {"label": f"Nama {medium.label} sudah dipakai aset lain di daftar aset; pakai label lain."}
        )
    return same_name


@transaction.atomic
def medium_save(*, medium: MediaBackup, aset: Aset | None = None) -> MediaBackup:
    """Register or update a portable medium together with its asset in the register.

    The asset's specification (capacity) and status follow the medium; a
    medium no longer in use makes its asset "tidak aktif".
    """
    medium.full_clean(exclude=["aset"])
    if medium.pk:
        aset = Aset.objects.select_for_update().get(pk=medium.aset_id)
    else:
        aset = _medium_aset(medium=medium, aset=aset)
    aset.disk = f"{medium.kapasitas_gb} GB"
    if not medium.aktif:
        aset.status = Aset.Status.NONAKTIF
    elif aset.status == Aset.Status.NONAKTIF:
        aset.status = Aset.Status.AKTIF
    aset.full_clean()
    aset.save()
    medium.aset = aset
    medium.full_clean()
    medium.save()
    return medium


def medium_follow_aset(*, aset: Aset) -> None:
    """The other way round: an asset edited in the register keeps its medium's "in use" flag."""
    medium = MediaBackup.objects.filter(aset=aset).first()
    if medium is None:
        return
    aktif = aset.status != Aset.Status.NONAKTIF
    if medium.aktif != aktif:
        medium.aktif = aktif
        medium.save(update_fields=["aktif"])
