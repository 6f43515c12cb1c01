"""The asset register: save, import and export (CSV/XLSX)."""

import contextlib
import csv
import io
from datetime import date, datetime

from django import forms
from django.db import transaction

from lpse.spreadsheet import CSV_BOM, cell_restore, cell_safe

from ..models import Aset
from ..signals import aset_saved

KOLOM = [
    "nama",
    "jenis",
    "peran",
    "alamat",
    "ruang",
    "rak",
    "cpu",
    "ram",
    "disk",
    "pemilik",
    "tanggal_perolehan",
    "garansi_sampai",
    "status",
    "kerahasiaan",
    "integritas",
    "ketersediaan",
]
MAX_BARIS = 2000


class ImportGagal(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class _RowForm(forms.ModelForm):
    tanggal_perolehan = forms.DateField(required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])
    garansi_sampai = forms.DateField(required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])

    class Meta:
        model = Aset
        fields = KOLOM


def aset_save(*, aset: Aset) -> Aset:
    """Validate and save; apps that build on the register follow through ``signals.aset_saved``."""
    with transaction.atomic():
        aset.full_clean()
        aset.save()
        aset_saved.send(sender=Aset, aset=aset)
    return aset


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return cell_restore(str(value).strip())  # undo the export's formula guard


def _normalise(row: dict[str, str]) -> dict[str, str]:
    """Accept the labels people type (``Server``, ``Aktif``) as well as the codes."""
    for field, choices in (("jenis", Aset.Jenis.choices), ("status", Aset.Status.choices)):
        value = row.get(field, "").strip()
        for code, label in choices:
            if value.lower() in (code, label.lower()):
                row[field] = code
    return row


def read_rows(*, name: str, content: bytes) -> list[dict[str, str]]:
    """Rows of a CSV or XLSX file as dicts keyed by the header (lower-cased)."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            table = [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        except Exception:  # openpyxl raises many kinds on a broken file
            raise ImportGagal([f"Berkas {name} bukan berkas Excel (.xlsx) yang dapat dibaca."]) from None
    elif name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportGagal([f"Berkas {name} harus berenkode UTF-8."]) from None
        dialect = csv.excel
        with contextlib.suppress(csv.Error):
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        table = [[_cell(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    else:
        raise ImportGagal([f"Berkas {name} harus berformat .csv atau .xlsx."])
    if not table:
        raise ImportGagal([f"Berkas {name} kosong."])
    header = [h.strip().lower().replace(" ", "_") for h in table[0]]
    if "nama" not in header:
        raise ImportGagal(["Baris 1 (judul kolom) harus memuat kolom 'nama'. Unduh contoh dari tombol Ekspor."])
    unknown = [h for h in header if h and h not in KOLOM]
    if unknown:
        raise ImportGagal([f"Baris 1: kolom tidak dikenal: {', '.join(unknown)}."])
    rows = [dict(zip(header, r + [""] * (len(header) - len(r)), strict=False)) for r in table[1:] if any(r)]
    if len(rows) > MAX_BARIS:
        raise ImportGagal([f"Paling banyak {MAX_BARIS} baris sekali impor."])
    return rows


def aset_import(*, name: str, content: bytes) -> tuple[int, int]:
    """Create or update assets (matched by name); all rows or none.

    Every bad row is reported as "Baris N: kolom: pesan", counting the
    header as row 1 like a spreadsheet does.
    """
    rows = read_rows(name=name, content=content)
    existing = {a.nama: a for a in Aset.objects.filter(nama__in=[r.get("nama", "") for r in rows])}
    errors, valid, seen = [], [], set()
    for i, row in enumerate(rows, start=2):
        row = _normalise(row)
        nama = row.get("nama", "")
        if nama in seen:
            errors.append(f"Baris {i}: nama '{nama}' muncul dua kali dalam berkas.")
            continue
        seen.add(nama)
        instance = existing.get(nama) or Aset()
        data = {k: row.get(k, "") for k in KOLOM}
        for k in ("kerahasiaan", "integritas", "ketersediaan", "jenis", "status"):
            if not data[k] and instance.pk:
                data[k] = getattr(instance, k)
            elif not data[k]:
                data[k] = Aset._meta.get_field(k).default
        form = _RowForm(data, instance=instance)
        if form.is_valid():
            valid.append(form)
        else:
            for field, msgs in form.errors.items():
                label = "baris" if field == "__all__" else f"kolom {field}"
                errors.append(f"Baris {i}: {label}: {' '.join(msgs)}")
    if errors:
        raise ImportGagal(errors)
    created = 0
    with transaction.atomic():
        for form in valid:
            created += form.instance.pk is None
            aset_saved.send(sender=Aset, aset=form.save())
    return created, len(valid) - created


def aset_export_rows(queryset) -> list[list]:
    return [[cell_safe(getattr(a, k)) for k in KOLOM] for a in queryset]


def aset_export_csv(queryset) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(KOLOM)
    writer.writerows(aset_export_rows(queryset))
    return (CSV_BOM + buf.getvalue()).encode()


def aset_export_xlsx(queryset) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Aset")
    ws.append(KOLOM)
    for row in aset_export_rows(queryset):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
