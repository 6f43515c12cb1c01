"""Import and export of the asset register with its CIA ratings on the
shared lpse.imports flow (issue 15; Pasal 9(1), 16, 17)."""

import pytest
from django.urls import reverse

from infrastruktur.models import Aset
from lpse import roles
from lpse.imports import get_kind
from lpse.imports.services import import_confirm, import_preview, import_run
from lpse.models import ImportRecord
from tests.imports_util import csv_bytes, read_xlsx, run_import, upload, xlsx_bytes
from tests.infrastruktur.factories import AsetFactory, medium_create

pytestmark = pytest.mark.django_db

HEADER = [c.name for c in get_kind("aset").columns]


def row(nama: str, **over) -> list:
    values = {
        "nama": nama,
        "jenis": "Server",
        "peran": "Server aplikasi SPSE",
        "alamat": "10.10.1.11",
        "ruang": "Ruang server",
        "rak": "R1",
        "cpu": "2x Xeon",
        "ram": "64 GB",
        "disk": "2x 960 GB",
        "pemilik": "Bidang ASE",
        "tanggal_perolehan": "2021-03-01",
        "garansi_sampai": "01/03/2026",
        "status": "Aktif",
        "kerahasiaan": "3",
        "integritas": "tinggi",
        "ketersediaan": "2 – sedang",
    }
    values.update(over)
    return list(values.values())


@pytest.fixture
def admin_sistem(make_user):
    return make_user(roles.ADMIN_SISTEM)


def test_good_rows_create_assets_with_their_cia_ratings(admin_sistem):
    rows = [row("srv-spse-01"), row("Switch Inti", jenis="jaringan", kerahasiaan="rendah", status="cadangan")]
    record = run_import(key="aset", content=xlsx_bytes(HEADER, rows), user=admin_sistem)
    assert record.status == ImportRecord.Status.SELESAI and record.jumlah_baru == 2
    spse = Aset.objects.get(nama="srv-spse-01")
    assert (spse.kerahasiaan, spse.integritas, spse.ketersediaan) == (3, 3, 2)
    assert spse.garansi_sampai.isoformat() == "2026-03-01" and spse.rak == "R1"
    switch = Aset.objects.get(nama="Switch Inti")
    assert (switch.jenis, switch.status, switch.kerahasiaan) == ("jaringan", "cadangan", 1)
    history = spse.history.get()
    assert history.history_user == admin_sistem and history.history_change_reason == f"impor #{record.pk}"


def test_each_kind_of_bad_row_is_rejected_with_an_indonesian_reason_and_nothing_is_written(admin_sistem):
    rows = [
        row("Server Baik"),
        row("Server Pesawat", jenis="pesawat"),
        row("Server C4", kerahasiaan="4"),
        row("Server Tanggal", tanggal_perolehan="31-02-2024"),
        row("", jenis="Server"),
        row("Server Baik"),
        row("Server Garansi", tanggal_perolehan="2024-01-01", garansi_sampai="2023-01-01"),
        row("x" * 151),
        row("Server Status", status="rusak"),
    ]
    record = import_preview(kind=get_kind("aset"), upload=upload(xlsx_bytes(HEADER, rows)), user=admin_sistem)
    reasons = {r["baris"]: " ".join(r["alasan"]) for r in record.pratinjau["tolak"]}
    assert record.jumlah_baru == 1 and record.jumlah_tolak == 8
    assert "Kolom jenis: “pesawat” tidak dikenal" in reasons[3]
    assert "Kolom kerahasiaan: “4” bukan nilai 1 (rendah), 2 (sedang) atau 3 (tinggi)" in reasons[4]
    assert "Kolom tanggal_perolehan: “31-02-2024” bukan tanggal" in reasons[5]
    assert "Kolom nama (Nama aset (unik)) wajib diisi" in reasons[6]
    assert "Duplikat dalam berkas: nama “Server Baik” sudah ada di baris 2" in reasons[7]
    assert "garansi berakhir tidak boleh sebelum tanggal perolehan" in reasons[8]
    assert "Kolom nama:" in reasons[9] and "150" in reasons[9]
    assert "Kolom status: “rusak” tidak dikenal" in reasons[10]
    with pytest.raises(Exception, match="ditolak"):
        import_confirm(record=record, user=admin_sistem)
    assert not Aset.objects.exists()


def test_reimporting_the_same_file_changes_nothing(admin_sistem):
    content = xlsx_bytes(HEADER, [row("srv-spse-01"), row("srv-db-01", peran="Basis data")])
    run_import(key="aset", content=content, user=admin_sistem)
    before = list(Aset.objects.values_list("pk", "nama", "dibuat").order_by("pk"))
    again = run_import(key="aset", content=content, user=admin_sistem)
    assert (again.jumlah_baru, again.jumlah_ubah, again.jumlah_sama) == (0, 0, 2)
    assert list(Aset.objects.values_list("pk", "nama", "dibuat").order_by("pk")) == before
    assert Aset.history.count() == 2


def test_a_changed_row_updates_the_asset_matched_on_name_and_keeps_its_thresholds(admin_sistem):
    aset = AsetFactory(nama="srv-spse-01", kerahasiaan=1, disk_peringatan=70, disk_kritis=85)
    record = run_import(key="aset", content=csv_bytes(HEADER, [row("srv-spse-01")]), user=admin_sistem, name="a.csv")
    assert record.jumlah_ubah == 1
    aset.refresh_from_db()
    assert (aset.kerahasiaan, aset.disk_peringatan, aset.disk_kritis) == (3, 70, 85)


def test_the_import_is_all_or_nothing(admin_sistem):
    content = xlsx_bytes(HEADER, [row("srv-a"), row("srv-b")])
    record = import_preview(kind=get_kind("aset"), upload=upload(content), user=admin_sistem)
    import_confirm(record=record, user=admin_sistem)
    # Between preview and run a backup medium named like row 3 is registered; a medium
    # cannot become a server (Pasal 18(2)), so the run plans again and refuses the whole file.
    medium_create(label="srv-b")
    record = import_run(record_id=record.pk)
    assert record.status == ImportRecord.Status.GAGAL and "baris 3" in record.galat
    assert "media backup" in record.galat
    assert not Aset.objects.filter(nama="srv-a").exists()


def test_export_on_the_asset_list_has_the_import_columns_and_reimports_unchanged(admin_sistem, client):
    AsetFactory(nama='=HYPERLINK("http://contoh")', peran="-rak cadangan", kerahasiaan=3)
    AsetFactory(nama="AC Presisi", jenis="ac", kerahasiaan=1, integritas=1, ketersediaan=3)
    client.force_login(admin_sistem)
    page = client.get(reverse("infrastruktur:aset-list")).content.decode()
    export_url = reverse("infrastruktur:impor-aset-ekspor")
    assert export_url in page and reverse("infrastruktur:impor-aset") in page
    response = client.get(export_url + "?format=xlsx")
    rows = read_xlsx(response.content)
    assert rows[0] == HEADER and len(rows) == 3
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["AC Presisi"][1] == "AC / pendingin"
    assert by_name['\'=HYPERLINK("http://contoh")'][2] == "'-rak cadangan"  # neutralised, never run
    again = run_import(key="aset", content=response.content, user=admin_sistem)
    assert (again.jumlah_baru, again.jumlah_ubah, again.jumlah_sama) == (0, 0, 2)
    csv_text = client.get(export_url + "?format=csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == ",".join(HEADER)


def test_template_downloads_with_the_columns(admin_sistem, client):
    client.force_login(admin_sistem)
    response = client.get(reverse("infrastruktur:impor-aset-templat") + "?format=xlsx")
    assert read_xlsx(response.content)[0] == HEADER


def test_upload_page_previews_then_confirm_writes(admin_sistem, client, django_capture_on_commit_callbacks):
    client.force_login(admin_sistem)
    response = client.post(reverse("infrastruktur:impor-aset"), {"berkas": upload(xlsx_bytes(HEADER, [row("srv-x")]))})
    assert response.status_code == 302
    record = ImportRecord.objects.get(jenis="aset")
    preview = client.get(response["Location"]).content.decode()
    assert "srv-x" in preview and not Aset.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("infrastruktur:impor-aset-konfirmasi", args=[record.pk]))
    assert Aset.objects.filter(nama="srv-x").exists()
