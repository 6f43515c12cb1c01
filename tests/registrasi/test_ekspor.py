"""Issue 11 finding 2: the register export (Pasal 10(6)e) cannot carry a live
spreadsheet formula, and Excel reads its CSV as UTF-8."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lpse import roles

from .factories import make_pendaftaran

HOSTILE = [
    '=HYPERLINK("http://127.0.0.1/x","Klik")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def exported(make_user, client):
    for i, name in enumerate(HOSTILE):
        make_pendaftaran(nama_badan_usaha=name, pj_nama=f"Pj {i}")
    make_pendaftaran(nama_badan_usaha="CV Peñalosa Karo", pj_nama="Ñoman")
    client.force_login(make_user(roles.REGISTRASI))
    return client


def test_csv_has_a_bom_and_no_cell_starts_a_formula(exported):
    response = exported.get(reverse("registrasi:ekspor"), {"format": "csv"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    names = {row[3] for row in rows[1:]}
    assert {f"'{name}" for name in HOSTILE} <= names
    assert "CV Peñalosa Karo" in names
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_xlsx_cells_are_text_not_formulas(exported):
    response = exported.get(reverse("registrasi:ekspor"), {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert cells
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
    names = {row[3].value for row in ws.iter_rows(min_row=2)}
    assert {f"'{name}" for name in HOSTILE} <= names
    assert all(isinstance(n, str) for n in names)
