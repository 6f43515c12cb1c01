"""The import flow: upload and preview (nothing written), confirm, run."""

import hashlib
import json
import logging
import zlib
from functools import partial
from pathlib import PurePath

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from lpse.models import ImportRecord
from lpse.uploads import validate_spreadsheet

from .base import CREATE, REJECT, SAME, UPDATE, ImportKind, Plan, get_kind
from .tables import read_table

logger = logging.getLogger(__name__)

PREVIEW_REJECTED_MAX = 1000  # reasons kept for the preview page; the counts cover every row
PREVIEW_SAMPLE = 25


def _progress_key(record_id: int) -> str:
    return f"impor:{record_id}:progres"


def import_progress(*, record: ImportRecord) -> int:
    """Percent done of a running import (kept in the cache: the import's own
    transaction hides its rows from everyone else until it commits)."""
    if record.status == ImportRecord.Status.SELESAI:
        return 100
    from lpse.pagecache import note_key

    done = cache.get(_progress_key(record.pk))
    note_key(_progress_key(record.pk), done)  # a page showing the progress is stale once it moves
    return int(done or 0)


TABLE_CACHE_SECONDS = 24 * 3600  # a preview confirmed later than this is read from the file again


def _table_key(*, kind: ImportKind, sha256: str) -> str:
    # The columns are part of the key: a deploy that changes a kind's columns must not reuse an old reading.
    columns = hashlib.sha256("|".join(kind.column_names).encode()).hexdigest()[:12]
    return f"impor:tabel:{kind.key}:{columns}:{sha256}:{settings.IMPORT_MAX_ROWS}"


def _read_rows(*, kind: ImportKind, content: bytes, fmt: str, sha256: str) -> list[tuple[int, dict[str, str]]]:
    """The file's rows, read once per file: the preview keeps what it read
    (keyed by the file's SHA-256, so it is the same bytes), and the run uses
    it instead of parsing the XLSX a second time (a third of the run's CPU at
    20,000 rows). The rows are still planned again against today's data."""
    key = _table_key(kind=kind, sha256=sha256)
    cached = cache.get(key)
    if cached is not None:
        try:
            return [(line, row) for line, row in json.loads(zlib.decompress(cached))]
        except (zlib.error, ValueError, TypeError):
            logger.warning("Tabel impor di cache rusak, berkas dibaca ulang: %s", key)
    rows = read_table(content=content, fmt=fmt, kind=kind, max_rows=settings.IMPORT_MAX_ROWS)
    cache.set(key, zlib.compress(json.dumps(rows).encode(), 1), TABLE_CACHE_SECONDS)
    return rows


def _plan_file(*, kind: ImportKind, content: bytes, fmt: str, sha256: str | None = None) -> Plan:
    sha256 = sha256 or hashlib.sha256(content).hexdigest()
    return kind.plan(_read_rows(kind=kind, content=content, fmt=fmt, sha256=sha256))


def _summary(plan: Plan, fmt: str) -> dict:
    def sample(action):
        return [{"baris": r.line, "kunci": r.key} for r in plan.of(action)][:PREVIEW_SAMPLE]

    return {
        "format": fmt,
        "tolak": [{"baris": r.line, "kunci": r.key, "alasan": r.reasons} for r in plan.rejected][:PREVIEW_REJECTED_MAX],
        "baru": sample(CREATE),
        "ubah": sample(UPDATE),
    }


def _counts(plan: Plan) -> dict[str, int]:
    return {
        "jumlah_baris": len(plan.rows),
        "jumlah_baru": plan.count(CREATE),
        "jumlah_ubah": plan.count(UPDATE),
        "jumlah_sama": plan.count(SAME),
        "jumlah_tolak": plan.count(REJECT),
    }


def import_preview(*, kind: ImportKind, upload, user) -> ImportRecord:
    """Check an uploaded file and record what importing it would do.

    The file is checked by content and size (lpse.uploads), kept in private
    media under a random name, and read; each row is sorted into create /
    update / unchanged / reject. No record of the kind is written: only the
    ImportRecord that holds the preview. ValidationError (Indonesian) when
    the file itself cannot be used.
    """
    fmt = validate_spreadsheet(upload)
    content = upload.read()
    sha256 = hashlib.sha256(content).hexdigest()
    plan = _plan_file(kind=kind, content=content, fmt=fmt, sha256=sha256)
    if not plan.rows:
        raise ValidationError("Berkas hanya berisi judul kolom, tanpa baris data.", code="kosong")
    name = PurePath(getattr(upload, "name", "") or f"impor.{fmt}").name[:255]
    record = ImportRecord(
        jenis=kind.key,
        nama_asli=name,
        sha256=sha256,
        diunggah_oleh=user,
        pratinjau=_summary(plan, fmt),
        **_counts(plan),
    )
    with transaction.atomic():
        record.berkas.save(f"impor.{fmt}", ContentFile(content), save=False)
        record.save()
    return record


def import_confirm(*, record: ImportRecord, user) -> ImportRecord:
    """Queue a previewed import. A file with rejected rows cannot be
    confirmed: the import is all or nothing, so the file is fixed first."""
    if record.status != ImportRecord.Status.PRATINJAU:
        raise ValidationError("Impor ini sudah dikonfirmasi atau dibatalkan.", code="status")
    if record.jumlah_tolak:
        raise ValidationError(
            f"Ada {record.jumlah_tolak} baris yang ditolak. Impor bersifat semua-atau-tidak-sama-sekali: "
            "perbaiki baris tersebut lalu unggah ulang berkasnya.",
            code="ada_tolak",
        )
    with transaction.atomic():
        updated = ImportRecord.objects.filter(pk=record.pk, status=ImportRecord.Status.PRATINJAU).update(
            status=ImportRecord.Status.ANTRE, dikonfirmasi_oleh=user, dikonfirmasi=timezone.now()
        )
        if updated != 1:
            raise ValidationError("Impor ini sudah dikonfirmasi.", code="status")
        transaction.on_commit(partial(_dispatch, record.pk))
    record.refresh_from_db()
    return record


BROKER_DOWN = "antrean"


def _dispatch(record_id: int) -> None:
    """Send the confirmed import to a worker. With the broker (Redis) away the import goes
    back to its preview, nothing written, and the user is told to try again."""
    from kombu.exceptions import OperationalError

    from lpse.tasks import import_run

    cache.set(_progress_key(record_id), 0, 3600)
    try:
        import_run.delay(record_id)
    except OperationalError as exc:
        logger.warning("Broker tidak tersedia; impor #%s tidak diantre", record_id)
        ImportRecord.objects.filter(pk=record_id, status=ImportRecord.Status.ANTRE).update(
            status=ImportRecord.Status.PRATINJAU, dikonfirmasi_oleh=None, dikonfirmasi=None
        )
        raise ValidationError(
            "Antrean tugas (broker Redis) tidak dapat dihubungi; impor belum dijalankan. "
            "Coba lagi setelah Redis pulih.",
            code=BROKER_DOWN,
        ) from exc


def import_cancel(*, record: ImportRecord) -> None:
    """Drop a preview that will not be confirmed, and its stored file."""
    if record.status != ImportRecord.Status.PRATINJAU:
        raise ValidationError("Hanya impor yang belum dikonfirmasi yang dapat dibatalkan.", code="status")
    record.status = ImportRecord.Status.DIBATALKAN
    record.berkas.delete(save=False)
    record.save(update_fields=["status", "berkas"])


def import_run(*, record_id: int) -> ImportRecord | None:
    """Write a confirmed import: the whole file in one transaction.

    The file is planned again (the portal may have changed since the
    preview); any rejected row, or any error while writing, rolls back
    everything and the record says why. Imports of one kind take a
    transaction-level advisory lock, so two files never interleave.
    """
    claimed = ImportRecord.objects.filter(pk=record_id, status=ImportRecord.Status.ANTRE).update(
        status=ImportRecord.Status.BERJALAN
    )
    if claimed != 1:
        return None
    record = ImportRecord.objects.select_related("dikonfirmasi_oleh").get(pk=record_id)
    kind = get_kind(record.jenis)
    key = _progress_key(record.pk)

    def progress(done: int, total: int) -> None:
        cache.set(key, min(99, int(done * 100 / max(total, 1))), 3600)

    try:
        with record.berkas.open("rb") as fh:
            content = fh.read()
        fmt = record.pratinjau.get("format", "xlsx")
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"lpse.impor:{kind.key}"])
            # The stored file is checked against the preview's hash before its cached reading is trusted.
            sha256 = hashlib.sha256(content).hexdigest()
            if record.sha256 and sha256 != record.sha256:
                raise ValidationError("Berkas impor berubah sejak pratinjau; unggah ulang berkasnya.")
            plan = _plan_file(kind=kind, content=content, fmt=fmt, sha256=sha256)
            if plan.rejected:
                first = plan.rejected[0]
                raise ValidationError(
                    f"{len(plan.rejected)} baris kini ditolak (data portal berubah sejak pratinjau), "
                    f"mis. baris {first.line}: {' '.join(first.reasons)}"
                )
            kind.apply(plan, record=record, user=record.dikonfirmasi_oleh, progress=progress)
            counts = _counts(plan)
    except Exception as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else f"{type(exc).__name__}: {exc}"
        logger.warning("Impor %s gagal: %s", record_id, message)
        ImportRecord.objects.filter(pk=record_id).update(
            status=ImportRecord.Status.GAGAL, galat=message[:4000], selesai=timezone.now()
        )
        _drop_file(record)
        cache.delete(key)
        if not isinstance(exc, ValidationError | OSError):
            raise
        return ImportRecord.objects.get(pk=record_id)
    ImportRecord.objects.filter(pk=record_id).update(
        status=ImportRecord.Status.SELESAI, selesai=timezone.now(), **counts
    )
    _drop_file(record)
    cache.delete(key)
    return ImportRecord.objects.get(pk=record_id)


def _drop_file(record: ImportRecord) -> None:
    """The upload was kept only until it was imported; its SHA-256 stays."""
    if record.berkas:
        record.berkas.delete(save=False)
        ImportRecord.objects.filter(pk=record.pk).update(berkas="")
