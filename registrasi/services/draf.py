"""Registration drafts (issue 13): each Pasal 13(1) document uploads as soon as it is chosen
and stays attached, whatever else on the form fails, until the application is sent or
the draft's days (settings.REGISTRASI_DRAFT_DAYS) run out."""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from lpse.uploads import validate_upload

from ..models import BerkasDraf, DrafPendaftaran
from .pendaftaran import _stored_files, dokumen_boleh

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _delete_files_on_commit(names: list[tuple]) -> None:
    """Files go only once the rows are gone for good; a rolled-back delete keeps both."""

    def delete():
        for storage, name in names:
            try:
                storage.delete(name)
            except OSError:  # pragma: no cover - nothing more we can do
                logger.exception("Gagal menghapus berkas draf %s", name)

    if names:
        transaction.on_commit(delete)


def _check_dokumen(*, jenis: str, dokumen: str) -> None:
    if dokumen not in dokumen_boleh(jenis):
        raise ValidationError("Jenis dokumen ini tidak diminta untuk pendaftaran tersebut (Pasal 13 ayat 1).")


def draf_keep(*, draf: DrafPendaftaran | None, jenis: str, files: dict) -> DrafPendaftaran:
    """Keep already-checked uploads (``{dokumen: (upload, kind)}``) in the draft, replacing an
    earlier copy of the same document; the draft is made on the first file and lives
    REGISTRASI_DRAFT_DAYS from its latest upload."""
    for dokumen in files:
        _check_dokumen(jenis=jenis, dokumen=dokumen)
    old_files: list[tuple] = []
    with _stored_files() as saved, transaction.atomic():
        berlaku = timezone.now() + timedelta(days=settings.REGISTRASI_DRAFT_DAYS)
        if draf is None:
            draf = DrafPendaftaran(jenis=jenis, berlaku_sampai=berlaku)
            draf.full_clean()
            draf.save()
        else:
            draf = DrafPendaftaran.objects.select_for_update().get(pk=draf.pk)
            draf.berlaku_sampai = berlaku
            draf.save(update_fields=["berlaku_sampai"])
        for dokumen, (upload, kind) in files.items():
            for old in BerkasDraf.objects.filter(draf=draf, jenis=dokumen):
                old_files.append((old.berkas.storage, old.berkas.name))
                old.delete()
            name = _CONTROL.sub("", upload.name or "") or "berkas"
            upload.seek(0)
            berkas = BerkasDraf(draf=draf, jenis=dokumen, nama_asli=name[-255:], ukuran=upload.size, tipe=kind)
            berkas.berkas.save(name, upload, save=False)
            saved.append(berkas.berkas)
            berkas.full_clean()
            berkas.save()
        _delete_files_on_commit(old_files)
    return draf


def draf_upload(*, draf: DrafPendaftaran | None, jenis: str, dokumen: str, upload) -> BerkasDraf:
    """One document chosen on the form: checked by content (lpse.uploads: type, size,
    broken PDFs, image bombs) and kept in the draft. ValidationError says why in Indonesian."""
    _check_dokumen(jenis=jenis, dokumen=dokumen)
    kind = validate_upload(upload)
    draf = draf_keep(draf=draf, jenis=jenis, files={dokumen: (upload, kind)})
    return BerkasDraf.objects.select_related("draf").get(draf=draf, jenis=dokumen)


def draf_remove_file(*, draf: DrafPendaftaran, dokumen: str) -> bool:
    """Take one document out of the draft (the vendor chose the wrong scan)."""
    with transaction.atomic():
        rows = list(BerkasDraf.objects.select_for_update().filter(draf=draf, jenis=dokumen))
        _delete_files_on_commit([(b.berkas.storage, b.berkas.name) for b in rows])
        for b in rows:
            b.delete()
    return bool(rows)


def draf_files(draf: DrafPendaftaran | None) -> dict:
    """The draft's documents as ``{dokumen: (file, kind)}`` for pendaftaran_submit; the caller closes them."""
    if draf is None:
        return {}
    out = {}
    for b in BerkasDraf.objects.filter(draf=draf):
        try:
            handle = b.berkas.storage.open(b.berkas.name, "rb")
        except OSError:
            logger.warning("Berkas draf %s hilang dari penyimpanan", b.berkas.name)
            continue
        out[b.jenis] = (File(handle, name=b.nama_asli), b.tipe)
    return out


def draf_discard(*, draf: DrafPendaftaran) -> None:
    """The application was sent (or answered as sent): the draft and its files go."""
    rows = list(BerkasDraf.objects.filter(draf=draf))
    _delete_files_on_commit([(b.berkas.storage, b.berkas.name) for b in rows])
    DrafPendaftaran.objects.filter(pk=draf.pk).delete()


def draf_purge_expired(*, now=None) -> int:
    """Delete drafts past their days with their files (personal documents are not kept for nothing)."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(DrafPendaftaran.objects.filter(berlaku_sampai__lte=now).values_list("pk", flat=True))
        files = [(b.berkas.storage, b.berkas.name) for b in BerkasDraf.objects.filter(draf_id__in=ids)]
        DrafPendaftaran.objects.filter(pk__in=ids).delete()
        _delete_files_on_commit(files)
    return len(ids)
