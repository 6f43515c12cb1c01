"""Helpers for the spreadsheet-import tests and the role × URL rows of every
import kind (lpse.imports)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access import Url


def xlsx_bytes(header: list[str], rows: list[list]) -> bytes:
    """A real XLSX made with openpyxl, as a user's spreadsheet program would save it."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(header: list[str], rows: list[list], delimiter: str = ",") -> bytes:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def upload(content: bytes, name: str = "data.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]


def run_import(*, key: str, content: bytes, user, name: str = "data.xlsx"):
    """Preview then confirm then run, as the pages and the worker do; returns the record."""
    from lpse.imports import get_kind
    from lpse.imports.services import import_confirm, import_preview, import_run

    record = import_preview(kind=get_kind(key), upload=upload(content, name), user=user)
    if record.jumlah_tolak:
        return record
    import_confirm(record=record, user=user)
    return import_run(record_id=record.pk)


def _record(key: str):
    def make():
        from lpse.models import ImportRecord
        from tests.factories import UserFactory

        r = ImportRecord.objects.create(jenis=key, nama_asli="data.xlsx", sha256="0" * 64, diunggah_oleh=UserFactory())
        return {"pk": r.pk}

    return make


def import_rows(namespace: str, key: str, allow) -> list[Url]:
    """The seven URLs lpse.imports.urls.kind_urls mounts for one kind."""
    base = f"{namespace}:impor-{key}"
    return [
        Url(base, allow),
        Url(f"{base}-pratinjau", allow, kwargs=_record(key)),
        Url(f"{base}-konfirmasi", allow, kwargs=_record(key), method="post", ok=302),
        Url(f"{base}-batal", allow, kwargs=_record(key), method="post", ok=302),
        Url(f"{base}-progres", allow, kwargs=_record(key)),
        Url(f"{base}-templat", allow),
        Url(f"{base}-ekspor", allow),
    ]
