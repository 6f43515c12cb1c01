"""Import of SPSE users from SPSE's user export (issue 15; Pasal 4(1)d)."""

import pytest
from django.core import mail
from django.urls import reverse

from lpse import roles
from lpse.imports import get_kind
from lpse.imports.services import import_confirm, import_preview, import_run
from lpse.models import ImportRecord, Instansi, User
from registrasi.models import Pendaftaran, PenggunaSpse
from tests.imports_util import csv_bytes, read_xlsx, run_import, upload, xlsx_bytes

from .factories import nik, npwp15

pytestmark = pytest.mark.django_db

# As SPSE's "Daftar Pengguna" export heads its columns.
HEADER = [
    "User ID",
    "Nama",
    "Jenis",
    "NPWP/NIK",
    "Email",
    "Instansi",
    "Peran",
    "Status",
    "Tgl Daftar",
    "Tgl Verifikasi",
]


def vendor(n: int, **over) -> list:
    row = {
        "user_id": f"cvmaju{n}",
        "nama": f"CV Maju {n}",
        "jenis": "Penyedia",
        "npwp_nik": npwp15(n),
        "email": f"cv{n}@contoh.id",
        "instansi": "",
        "peran": "",
        "status": "Aktif",
        "daftar": "2016-03-14",
        "verifikasi": "16/03/2016",
    }
    row.update(over)
    return list(row.values())


@pytest.fixture
def staff(make_user):
    return make_user(roles.REGISTRASI)


@pytest.fixture
def dinkes(db):
    return Instansi.objects.get_or_create(nama="Dinas Kesehatan Uji", defaults={"singkatan": "DINKESUJI"})[0]


def official(n: int, **over) -> list:
    fields = {"jenis": "Non Penyedia", "npwp_nik": nik(n), "instansi": "DINKESUJI", "peran": "PPK", **over}
    return vendor(n, **fields)


def test_good_rows_are_recorded_as_verified_spse_users_with_their_source(staff, dinkes):
    content = xlsx_bytes(HEADER, [vendor(1), vendor(2), official(3)])
    record = run_import(key="pengguna-spse", content=content, user=staff, name="pengguna-spse.xlsx")
    assert record.status == ImportRecord.Status.SELESAI
    assert (record.jumlah_baru, record.jumlah_ubah, record.jumlah_tolak) == (3, 0, 0)
    p = PenggunaSpse.objects.get(user_id="cvmaju1")
    assert p.npwp == "0" + npwp15(1) and p.nik == ""
    assert str(p.tanggal_verifikasi) == "2016-03-16"
    assert p.impor == record and "pengguna-spse.xlsx" in p.sumber
    pejabat = PenggunaSpse.objects.get(user_id="cvmaju3")
    assert pejabat.instansi == dinkes and pejabat.nik == nik(3) and pejabat.peran == "PPK"
    # Already verified in SPSE: no Pendaftaran enters the verification queue, no account is made yet.
    assert not Pendaftaran.objects.exists()
    assert not User.objects.filter(email="cv1@contoh.id").exists()
    assert p.history.count() == 1
    record.refresh_from_db()
    assert record.sha256 and not record.berkas  # the upload is dropped once imported; its hash stays


def test_each_kind_of_bad_row_is_rejected_with_an_indonesian_reason(staff, dinkes):
    bad_npwp = npwp15(5)[:8] + str((int(npwp15(5)[8]) + 1) % 10) + npwp15(5)[9:]
    rows = [
        vendor(4),
        vendor(5, npwp_nik=bad_npwp),  # wrong check digit
        official(6, npwp_nik="3171011708450000"[:15]),  # NIK too short
        official(7, npwp_nik="9999993108450001"),  # unknown region
        official(8, instansi="Dinas Yang Tidak Ada"),  # unknown Instansi
        vendor(9, user_id="cvmaju4"),  # User ID twice in the file
        vendor(10, npwp_nik=npwp15(4)),  # NPWP twice in the file
        vendor(11, daftar="31-02-2016"),
        vendor(12, email="bukan-email"),
    ]
    record = import_preview(kind=get_kind("pengguna-spse"), upload=upload(xlsx_bytes(HEADER, rows)), user=staff)
    assert record.jumlah_baru == 1 and record.jumlah_tolak == 8
    reasons = {r["baris"]: " ".join(r["alasan"]) for r in record.pratinjau["tolak"]}
    assert "digit pemeriksa" in reasons[3]
    assert "NIK harus 16 digit" in reasons[4]
    assert "kode wilayah" in reasons[5]
    assert "Dinas Yang Tidak Ada" in reasons[6] and "tidak dikenal" in reasons[6]
    assert "Duplikat dalam berkas: user_id “cvmaju4” sudah ada di baris 2" in reasons[7]
    assert "Duplikat dalam berkas: npwp" in reasons[8]
    assert "bukan tanggal" in reasons[9]
    assert "bukan alamat email" in reasons[10]
    # A file with rejected rows cannot be confirmed: all or nothing.
    with pytest.raises(Exception, match="semua-atau-tidak"):
        import_confirm(record=record, user=staff)
    assert not PenggunaSpse.objects.exists()


def test_preview_changes_nothing(staff, client):
    client.force_login(staff)
    content = xlsx_bytes(HEADER, [vendor(20), vendor(21)])
    url = reverse("registrasi:impor-pengguna-spse")
    response = client.post(url, {"berkas": upload(content)})
    record = ImportRecord.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{record.pk}/")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Konfirmasi impor" in page.content.decode()
    assert record.status == "pratinjau" and record.jumlah_baru == 2
    assert not PenggunaSpse.objects.exists()
    assert record.berkas  # kept privately until confirmed
    assert not record.berkas.url.startswith("/media/")


def test_reimporting_the_same_file_changes_nothing(staff):
    content = xlsx_bytes(HEADER, [vendor(30), vendor(31)])
    run_import(key="pengguna-spse", content=content, user=staff)
    before = list(PenggunaSpse.objects.values_list("pk", "nama", "dibuat").order_by("pk"))
    again = run_import(key="pengguna-spse", content=content, user=staff)
    assert (again.jumlah_baru, again.jumlah_ubah, again.jumlah_sama) == (0, 0, 2)
    assert list(PenggunaSpse.objects.values_list("pk", "nama", "dibuat").order_by("pk")) == before
    assert PenggunaSpse.history.count() == 2  # no history row for an unchanged record


def test_changed_row_updates_the_record_matched_on_user_id(staff):
    run_import(key="pengguna-spse", content=xlsx_bytes(HEADER, [vendor(40)]), user=staff)
    record = run_import(key="pengguna-spse", content=xlsx_bytes(HEADER, [vendor(40, status="Nonaktif")]), user=staff)
    assert record.jumlah_ubah == 1
    assert PenggunaSpse.objects.get(user_id="cvmaju40").status == "nonaktif"


def test_the_import_is_all_or_nothing(staff, dinkes):
    content = xlsx_bytes(HEADER, [vendor(50), official(51)])
    record = import_preview(kind=get_kind("pengguna-spse"), upload=upload(content), user=staff)
    import_confirm(record=record, user=staff)
    dinkes.delete()  # the portal changed between preview and run: row 3 is now bad
    record = import_run(record_id=record.pk)
    assert record.status == ImportRecord.Status.GAGAL
    assert "baris 3" in record.galat
    assert not PenggunaSpse.objects.exists()  # row 2 was good, but nothing was written


def test_csv_export_of_spse_with_semicolons_is_read(staff):
    content = csv_bytes(HEADER, [vendor(60)], delimiter=";")
    record = run_import(key="pengguna-spse", content=content, user=staff, name="ekspor.csv")
    assert record.jumlah_baru == 1


def test_export_has_the_import_columns_and_reimports_unchanged(staff, client, dinkes):
    run_import(
        key="pengguna-spse",
        content=xlsx_bytes(HEADER, [vendor(70), official(71), vendor(72, nama="@SUM(A1) Jaya")]),
        user=staff,
    )
    client.force_login(staff)
    response = client.get(reverse("registrasi:impor-pengguna-spse-ekspor") + "?format=xlsx")
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    assert rows[0] == get_kind("pengguna-spse").column_names
    names = [r[1] for r in rows[1:]]
    assert "'@SUM(A1) Jaya" in names  # neutralised: a spreadsheet shows it, never runs it
    again = run_import(key="pengguna-spse", content=response.content, user=staff)
    assert (again.jumlah_baru, again.jumlah_ubah, again.jumlah_sama) == (0, 0, 3)


def test_template_downloads_with_the_columns(staff, client):
    client.force_login(staff)
    response = client.get(reverse("registrasi:impor-pengguna-spse-templat") + "?format=xlsx")
    rows = read_xlsx(response.content)
    assert rows[0] == get_kind("pengguna-spse").column_names
    assert response["Content-Disposition"].startswith('attachment; filename="templat-pengguna-spse')
    csv_response = client.get(reverse("registrasi:impor-pengguna-spse-templat") + "?format=csv")
    assert csv_response.content.decode("utf-8-sig").startswith("user_id,nama,jenis,npwp_nik")


def test_a_renamed_file_is_refused_by_its_content(staff, client):
    client.force_login(staff)
    response = client.post(
        reverse("registrasi:impor-pengguna-spse"), {"berkas": upload(b"%PDF-1.7 bukan tabel", "data.xlsx")}
    )
    assert response.status_code == 400
    assert "menurut isinya" in response.content.decode()
    assert not ImportRecord.objects.exists()


def test_an_oversized_file_is_refused(staff, client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    client.force_login(staff)
    content = xlsx_bytes(HEADER, [vendor(n) for n in range(100, 160)])
    response = client.post(reverse("registrasi:impor-pengguna-spse"), {"berkas": upload(content)})
    assert response.status_code == 400 and "melebihi batas" in response.content.decode()


def test_a_wrong_header_names_the_unknown_column(staff, client):
    client.force_login(staff)
    content = xlsx_bytes(["User ID", "Nama", "Warna favorit"], [["x", "y", "z"]])
    response = client.post(reverse("registrasi:impor-pengguna-spse"), {"berkas": upload(content)})
    assert response.status_code == 400 and "Warna favorit" in response.content.decode()


def test_confirm_page_runs_the_task_after_commit(staff, client, django_capture_on_commit_callbacks):
    client.force_login(staff)
    record = import_preview(kind=get_kind("pengguna-spse"), upload=upload(xlsx_bytes(HEADER, [vendor(80)])), user=staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrasi:impor-pengguna-spse-konfirmasi", args=[record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "selesai" and record.dikonfirmasi_oleh == staff
    assert PenggunaSpse.objects.filter(user_id="cvmaju80").exists()
    progres = client.get(reverse("registrasi:impor-pengguna-spse-progres", args=[record.pk]))
    assert "Impor selesai: 1 dibuat" in progres.content.decode()


def test_imported_vendor_is_invited_to_set_a_portal_password(staff, client, django_capture_on_commit_callbacks):
    run_import(key="pengguna-spse", content=xlsx_bytes(HEADER, [vendor(90)]), user=staff)
    pengguna = PenggunaSpse.objects.get(user_id="cvmaju90")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrasi:pengguna-spse-undang", args=[pengguna.pk]))
    assert response.status_code == 302
    pengguna.refresh_from_db()
    assert pengguna.akun.email == "cv90@contoh.id" and pengguna.diundang
    assert not pengguna.akun.has_usable_password()
    assert roles.PENYEDIA in pengguna.akun.role_names
    assert len(mail.outbox) == 1 and "/akun/kata-sandi/atur/" in mail.outbox[0].body
    assert "tidak perlu mendaftar atau diverifikasi ulang" in mail.outbox[0].body


def test_list_page_shows_imported_users_and_the_import_buttons(staff, client):
    run_import(key="pengguna-spse", content=xlsx_bytes(HEADER, [vendor(95)]), user=staff)
    client.force_login(staff)
    page = client.get(reverse("registrasi:pengguna-spse-list") + "?q=cvmaju95").content.decode()
    assert "CV Maju 95" in page and "Ekspor XLSX" in page and "Undang" in page


def test_run_reads_the_file_the_preview_read_once_and_refuses_a_changed_file(staff):
    """The preview keeps its reading of the file (keyed by SHA-256) for the run,
    so a 20,000-row XLSX is parsed once; a stored file that no longer matches
    the preview's hash is refused, not imported."""
    from django.core.cache import cache
    from django.core.files.base import ContentFile

    from lpse.imports.services import _table_key

    kind = get_kind("pengguna-spse")
    content = xlsx_bytes(HEADER, [vendor(70)])
    record = import_preview(kind=kind, upload=upload(content), user=staff)
    assert cache.get(_table_key(kind=kind, sha256=record.sha256)) is not None
    import_confirm(record=record, user=staff)
    record.berkas.delete(save=False)
    record.berkas.save("impor.xlsx", ContentFile(xlsx_bytes(HEADER, [vendor(71)])), save=True)
    record = import_run(record_id=record.pk)
    assert record.status == ImportRecord.Status.GAGAL
    assert "berubah sejak pratinjau" in record.galat
    assert not PenggunaSpse.objects.exists()
