"""Import of the perlengkapan register from a spreadsheet (issue 15; Pasal 8(4)f)."""

import pytest

from lpse import roles
from sekretariat import services
from sekretariat.models import Barang, MutasiBarang
from tests.imports_util import run_import, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADER = ["kode", "nama", "jenis", "satuan", "lokasi", "kondisi", "stok_minimum", "stok_awal", "keterangan", "aktif"]
GOOD = [
    ["ATK-001", "Kertas HVS A4", "Barang habis pakai", "rim", "Gudang", "Baik", 10, 40, "", "ya"],
    ["PRL-001", "Proyektor", "Peralatan", "unit", "Ruang pelatihan", "Rusak ringan", 0, 2, "", "ya"],
]


@pytest.fixture
def petugas(make_user):
    return make_user(roles.SEKRETARIAT)


def test_pasal_8_4_f_items_are_imported_with_opening_balances_as_movements(petugas):
    record = run_import(key="barang", content=xlsx_bytes(HEADER, GOOD), user=petugas)
    assert record.status == "selesai" and record.jumlah_baru == 2
    kertas = Barang.objects.get(kode="ATK-001")
    assert (kertas.jenis, kertas.stok_minimum) == ("habis_pakai", 10)
    assert Barang.objects.get(kode="PRL-001").kondisi == "rusak_ringan"
    assert services.barang_stock(barang=kertas) == 40
    assert MutasiBarang.objects.get(barang=kertas).jenis == "masuk"
    # Re-importing the same file changes nothing, stock included.
    again = run_import(key="barang", content=xlsx_bytes(HEADER, GOOD), user=petugas)
    assert (again.jumlah_baru, again.jumlah_ubah, again.jumlah_sama) == (0, 0, 2)
    assert MutasiBarang.objects.count() == 2
    # A changed description updates the item; a different stok_awal is not a stock change.
    changed = [GOOD[0][:4] + ["Lemari A"] + GOOD[0][5:7] + [99] + GOOD[0][8:], GOOD[1]]
    third = run_import(key="barang", content=xlsx_bytes(HEADER, changed), user=petugas)
    assert third.jumlah_ubah == 1
    kertas.refresh_from_db()
    assert kertas.lokasi == "Lemari A" and services.barang_stock(barang=kertas) == 40


def test_pasal_8_4_f_bad_rows_are_rejected_with_indonesian_reasons_and_nothing_is_written(petugas):
    rows = [
        GOOD[0],
        ["ATK-002", "", "Barang habis pakai", "", "", "Baik", 0, 0, "", "ya"],
        ["ATK-003", "Map", "Mebel", "buah", "", "Hancur", 0, 0, "", "ya"],
        ["ATK-004", "Amplop", "", "kotak", "", "", "-3", "banyak", "", "mungkin"],
        ["ATK-001", "Kertas lagi", "", "rim", "", "", 0, 0, "", "ya"],
    ]
    record = run_import(key="barang", content=xlsx_bytes(HEADER, rows), user=petugas)
    reasons = {r["baris"]: " ".join(r["alasan"]) for r in record.pratinjau["tolak"]}
    assert record.jumlah_tolak == 4
    assert "nama wajib diisi" in reasons[3] and "satuan wajib diisi" in reasons[3]
    assert "“Mebel” tidak dikenal" in reasons[4] and "“Hancur” tidak dikenal" in reasons[4]
    assert (
        "tidak boleh negatif" in reasons[5] and "bukan bilangan bulat" in reasons[5] and "ya” atau “tidak" in reasons[5]
    )
    assert "Duplikat dalam berkas" in reasons[6]
    assert not Barang.objects.exists()  # a file with rejected rows is not written at all


def test_pasal_8_4_f_register_export_has_the_import_columns_and_current_stock(client, petugas):
    from django.urls import reverse

    from tests.imports_util import read_xlsx

    run_import(key="barang", content=xlsx_bytes(HEADER, GOOD), user=petugas)
    client.force_login(petugas)
    response = client.get(reverse("sekretariat:impor-barang-ekspor"), {"format": "xlsx"})
    rows = read_xlsx(response.content)
    assert rows[0][:8] == HEADER[:8]
    assert rows[1][:2] == ["ATK-001", "Kertas HVS A4"] and rows[1][7] == 40
