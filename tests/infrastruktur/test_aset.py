"""The asset register: fields, C/I/A ratings, CSV/XLSX import and export."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from infrastruktur.models import Aset
from infrastruktur.services.aset import KOLOM, ImportGagal, aset_import
from lpse import roles
from tests.infrastruktur.factories import AsetFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(KOLOM)


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_staff_creates_an_asset_with_every_field_of_the_register(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    data = {
        "nama": "Server Aplikasi SPSE",
        "jenis": "server",
        "peran": "Aplikasi SPSE",
        "alamat": "10.10.1.5",
        "ruang": "Ruang Server Diskominfo",
        "rak": "R1-U12",
        "cpu": "2x Xeon Silver 4210",
        "ram": "64 GB",
        "disk": "2x 1,2 TB SAS RAID1",
        "pemilik": "Bidang Administrasi Sistem Elektronik",
        "tanggal_perolehan": "2023-03-01",
        "garansi_sampai": "2026-03-01",
        "status": "aktif",
        "kerahasiaan": 3,
        "integritas": 3,
        "ketersediaan": 3,
        "server_spse": "on",
        "disk_peringatan": 80,
        "disk_kritis": 90,
        "ram_tersedia_min": 10,
        "ram_menit": 10,
        "penuh_peringatan_hari": 7,
        "penuh_kritis_hari": 2,
        "tls_peringatan_hari": 20,
        "tls_kritis_hari": 3,
        "latensi_peringatan_ms": 1000,
        "histeresis": 5,
    }
    response = client.post(reverse("infrastruktur:aset-create"), data)
    assert response.status_code == 302
    aset = Aset.objects.get(nama="Server Aplikasi SPSE")
    assert (aset.kerahasiaan, aset.integritas, aset.ketersediaan) == (3, 3, 3)
    assert aset.rak == "R1-U12" and aset.server_spse
    assert aset.history.count() == 1
    detail = client.get(aset.get_absolute_url())
    assert "Riwayat perubahan" in detail.content.decode()


def test_rating_outside_1_to_3_is_refused_by_form_and_database(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    response = client.post(reverse("infrastruktur:aset-create"), {"nama": "X", "kerahasiaan": 4})
    assert response.status_code == 400
    assert not Aset.objects.filter(nama="X").exists()
    aset = AsetFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Aset.objects.filter(pk=aset.pk).update(ketersediaan=0)


def test_critical_disk_threshold_must_be_above_warning(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    aset = AsetFactory()
    response = client.post(
        reverse("infrastruktur:aset-edit", args=[aset.pk]),
        {
            "nama": aset.nama,
            "jenis": "server",
            "status": "aktif",
            "kerahasiaan": 2,
            "integritas": 2,
            "ketersediaan": 2,
            "disk_peringatan": 90,
            "disk_kritis": 80,
            "ram_tersedia_min": 10,
            "ram_menit": 10,
            "penuh_peringatan_hari": 7,
            "penuh_kritis_hari": 2,
            "tls_peringatan_hari": 20,
            "tls_kritis_hari": 3,
            "latensi_peringatan_ms": 1000,
            "histeresis": 5,
        },
    )
    assert response.status_code == 400
    assert "Ambang kritis disk harus di atas ambang peringatan" in response.content.decode()


def test_csv_import_creates_and_updates_by_name():
    AsetFactory(nama="UPS Ruang Server", jenis="ups", kerahasiaan=1)
    created, updated = aset_import(
        name="aset.csv",
        content=_csv(
            "UPS Ruang Server,UPS,Daya cadangan,,Ruang Server,,,,,Diskominfo,2022-01-05,,Aktif,1,2,3",
            "Switch Inti,jaringan,Core switch,10.0.0.1,Ruang Server,R2,,,,Diskominfo,05-06-2021,,aktif,2,3,3",
            "Hard disk eksternal 1,media_backup,Backup mingguan,,Lemari arsip,,,,2 TB,Diskominfo,,,cadangan,3,3,1",
        ),
    )
    assert (created, updated) == (2, 1)
    ups = Aset.objects.get(nama="UPS Ruang Server")
    assert (ups.kerahasiaan, ups.integritas, ups.ketersediaan) == (1, 2, 3)
    switch = Aset.objects.get(nama="Switch Inti")
    assert switch.tanggal_perolehan.isoformat() == "2021-06-05"
    assert Aset.objects.get(nama="Hard disk eksternal 1").jenis == Aset.Jenis.MEDIA_BACKUP


def test_import_reports_every_bad_row_in_indonesian_and_saves_nothing():
    with pytest.raises(ImportGagal) as exc:
        aset_import(
            name="aset.csv",
            content=_csv(
                "Server Baik,server,,,,,,,,,,,aktif,1,1,1",
                "Server Salah,pesawat,,,,,,,,,,,aktif,1,1,1",
                "Server C4,server,,,,,,,,,,,aktif,4,1,1",
                "Server Tanggal,server,,,,,,,,,31-02-2024,,aktif,1,1,1",
                ",server,,,,,,,,,,,aktif,1,1,1",
            ),
        )
    errors = exc.value.errors
    assert any(e.startswith("Baris 3: kolom jenis") for e in errors)
    assert any(e.startswith("Baris 4: kolom kerahasiaan") for e in errors)
    assert any(e.startswith("Baris 5: kolom tanggal_perolehan") and "tanggal" in e.lower() for e in errors)
    assert any(e.startswith("Baris 6: kolom nama") and "tidak boleh kosong" in e for e in errors)
    assert not Aset.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "pesan"),
    [
        ("aset.txt", b"nama\nA\n", "harus berformat .csv atau .xlsx"),
        ("aset.xlsx", b"bukan excel", "bukan berkas Excel"),
        ("aset.csv", "nama\nA\n".encode("utf-16"), "UTF-8"),
        ("aset.csv", b"judul,warna\nA,merah\n", "kolom 'nama'"),
        ("aset.csv", b"nama,warna\nA,merah\n", "kolom tidak dikenal: warna"),
        ("aset.csv", b"", "kosong"),
    ],
)
def test_broken_files_get_a_clear_message(name, content, pesan):
    with pytest.raises(ImportGagal) as exc:
        aset_import(name=name, content=content)
    assert pesan in exc.value.errors[0]


def test_xlsx_export_imports_back_unchanged(client_as):
    AsetFactory(nama="Server Basis Data", jenis="server", kerahasiaan=3, integritas=3, ketersediaan=2, rak="R1")
    AsetFactory(nama="AC Presisi", jenis="ac", kerahasiaan=1, integritas=1, ketersediaan=3)
    client = client_as(roles.ADMIN_SISTEM)
    response = client.get(reverse("infrastruktur:aset-export") + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == KOLOM and len(rows) == 3
    Aset.objects.all().delete()
    created, updated = aset_import(name="kembali.xlsx", content=response.content)
    assert (created, updated) == (2, 0)
    db = Aset.objects.get(nama="Server Basis Data")
    assert (db.kerahasiaan, db.integritas, db.ketersediaan, db.rak) == (3, 3, 2, "R1")


def test_csv_export_has_a_header_and_one_row_per_asset(client_as):
    AsetFactory.create_batch(3)
    response = client_as(roles.ADMIN_SISTEM).get(reverse("infrastruktur:aset-export") + "?format=csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == HEADER and len(lines) == 4


def test_xlsx_upload_with_a_bad_row_rerenders_with_row_errors(client_as):
    wb = Workbook()
    ws = wb.active
    ws.append(KOLOM)
    ws.append(["Router", "jaringan", "", "", "", "", "", "", "", "", None, None, "aktif", 2, 2, 9])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "aset.xlsx"
    response = client_as(roles.ADMIN_SISTEM).post(reverse("infrastruktur:aset-import"), {"berkas": buf})
    assert response.status_code == 400
    assert "Baris 2: kolom ketersediaan" in response.content.decode()
    assert not Aset.objects.exists()


@pytest.mark.parametrize("n", [3, 30])
def test_asset_list_queries_do_not_grow_with_assets(n, client_as, django_assert_num_queries):
    client = client_as(roles.ADMIN_SISTEM)
    AsetFactory.create_batch(n)
    # user (session and permissions come from the cache: cached_db sessions, lpse.auth.CachedModelBackend),
    # count, one page of assets joined with their state
    with django_assert_num_queries(3):
        assert client.get(reverse("infrastruktur:aset-list")).status_code == 200


def test_export_neutralises_spreadsheet_formulas_and_import_restores_the_text(client_as):
    AsetFactory(nama='=HYPERLINK("http://contoh")', peran="-rak cadangan")
    client = client_as(roles.ADMIN_SISTEM)
    xlsx = client.get(reverse("infrastruktur:aset-export") + "?format=xlsx").content
    row = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))[1]
    assert row[0].startswith("'=") and row[2] == "'-rak cadangan"
    csv_text = client.get(reverse("infrastruktur:aset-export") + "?format=csv").content
    Aset.objects.all().delete()
    aset_import(name="a.csv", content=csv_text)
    assert Aset.objects.get().nama == '=HYPERLINK("http://contoh")'
