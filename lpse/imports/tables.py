"""Reading and writing spreadsheets: openpyxl for XLSX (read-only streaming
mode on the way in, write-only on the way out), the standard csv module for
CSV. Cells a spreadsheet would run as formulas are neutralised on export and
the guard is undone on import, so an export re-imports unchanged."""

import contextlib
import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from lpse.uploads import CSV, XLSX

# Cells starting with these run as formulas in a spreadsheet (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not (value.hour or value.minute) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]  # undo the export's formula guard
    return text


def _header_key(text: str) -> str:
    return "_".join(text.strip().lower().replace("/", " ").replace("-", " ").split())


def read_table(*, content: bytes, fmt: str, kind, max_rows: int) -> list[tuple[int, dict[str, str]]]:
    """The file's rows as ``(spreadsheet line number, {column: text})``.

    The first non-empty row is the header; headers are matched to the kind's
    columns by name or alias, case and spacing aside. ValidationError (in
    Indonesian) for a file that cannot be read or whose header is wrong.
    """
    if fmt == XLSX:
        table = _xlsx_rows(content)
    elif fmt == CSV:
        table = _csv_rows(content)
    else:
        raise ValidationError("Berkas harus berformat .xlsx atau .csv.", code="format")
    lines = iter(table)
    header, header_line = None, 0
    for number, row in lines:
        if any(row):
            header, header_line = row, number
            break
    if header is None:
        raise ValidationError("Berkas tidak berisi baris apa pun.", code="kosong")
    names = {}
    for c in kind.columns:
        names[_header_key(c.name)] = c.name
        for alias in c.aliases:
            names[_header_key(alias)] = c.name
    mapped: list[str | None] = []
    unknown = []
    for h in header:
        if not h:
            mapped.append(None)
            continue
        col = names.get(_header_key(h))
        if col is None:
            unknown.append(h)
        mapped.append(col)
    if unknown:
        raise ValidationError(
            f"Baris {header_line} (judul kolom): kolom tidak dikenal: {', '.join(unknown)}. "
            "Unduh templat untuk melihat kolom yang diterima.",
            code="kolom",
        )
    missing = [c.name for c in kind.columns if c.required and c.name not in mapped]
    if missing:
        raise ValidationError(
            f"Baris {header_line} (judul kolom): kolom wajib tidak ada: {', '.join(missing)}.", code="kolom"
        )
    out = []
    for number, row in lines:
        if not any(row):
            continue
        if len(out) >= max_rows:
            raise ValidationError(
                f"Berkas berisi lebih dari {max_rows:,} baris data; bagi menjadi beberapa berkas.".replace(",", "."),
                code="terlalu_banyak",
            )
        out.append((number, {col: (row[i] if i < len(row) else "") for i, col in enumerate(mapped) if col}))
    return out


def _xlsx_rows(content: bytes) -> Iterable[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = wb.worksheets[0]
        rows = [(i, [_cell(c) for c in row]) for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
        wb.close()
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ValidationError("Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca.", code="xlsx_rusak") from exc
    return rows


def _csv_rows(content: bytes) -> Iterable[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("Berkas CSV harus berenkode UTF-8.", code="csv_enkode") from None
    dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    try:
        return [(i, [_cell(c) for c in row]) for i, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1)]
    except csv.Error as exc:
        raise ValidationError(f"Berkas CSV tidak dapat dibaca: {exc}.", code="csv_rusak") from None


def safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode()


def write_xlsx(
    header: list[str], rows: Iterable[list[Any]], *, title: str, notes: list[list[str]] | None = None
) -> bytes:
    """An XLSX with the data on the first sheet; ``notes`` (column, meaning,
    example) go on a second sheet "Petunjuk" for templates."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append(header)
    for row in rows:
        # Text cells stay text: openpyxl stores str as a string cell, so "0012…" keeps its zeros.
        ws.append([safe(v) for v in row])
    if notes:
        help_ws = wb.create_sheet("Petunjuk")
        help_ws.append(["kolom", "keterangan", "contoh"])
        for note in notes:
            help_ws.append([safe(v) for v in note])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
