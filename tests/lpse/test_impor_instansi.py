"""Import and export of Instansi: OPD, and by Pasal 4(2) BUMD and
non-government organisations (issue 15)."""

import pytest
from django.urls import reverse

from lpse import roles
from lpse.imports import get_kind
from lpse.imports.services import import_preview
from lpse.models import ImportRecord, Instansi
from tests.imports_util import csv_bytes, read_xlsx, run_import, upload, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADER = ["Nama Instansi", "Singkatan", "Jenis", "Alamat", "Aktif"]


@pytest.fixture
def sekretariat(make_user):
    return make_user(roles.SEKRETARIAT)


def test_pasal_4_2_bumd_and_non_government_organisations_are_imported(sekretariat):
    rows = [
        ["Dinas Uji Impor", "DUI", "OPD", "Kabanjahe", "ya"],
        ["PDAM Tirta Uji", "PDAMU", "BUMD", "", "ya"],
        ["Yayasan Uji Mandiri", "", "Organisasi non-pemerintah", "", "tidak"],
    ]
    record = run_import(key="instansi", content=xlsx_bytes(HEADER, rows), user=sekretariat)
    assert record.status == "selesai" and record.jumlah_baru == 3
    assert Instansi.objects.get(nama="PDAM Tirta Uji").jenis == Instansi.Jenis.BUMD
    yayasan = Instansi.objects.get(nama="Yayasan Uji Mandiri")
    assert yayasan.jenis == Instansi.Jenis.NON_PEMERINTAH and not yayasan.aktif


def test_bad_rows_are_rejected_with_reasons(sekretariat):
    rows = [
        ["Dinas Uji A", "DUA", "OPD", "", "ya"],
        ["Dinas Uji B", "DUA", "OPD", "", "ya"],  # abbreviation repeated
        ["Dinas Uji A", "X", "OPD", "", "ya"],  # name repeated
        ["Koperasi Uji", "", "Koperasi", "", "ya"],  # unknown kind
        ["Dinas Uji C", "", "OPD", "", "mungkin"],
        ["", "K", "OPD", "", ""],
    ]
    record = import_preview(kind=get_kind("instansi"), upload=upload(xlsx_bytes(HEADER, rows)), user=sekretariat)
    reasons = {r["baris"]: " ".join(r["alasan"]) for r in record.pratinjau["tolak"]}
    assert record.jumlah_baru == 1 and record.jumlah_tolak == 5
    assert "singkatan “DUA” sudah ada di baris 2" in reasons[3]
    assert "nama “Dinas Uji A” sudah ada di baris 2" in reasons[4]
    assert "Koperasi" in reasons[5] and "pilih salah satu" in reasons[5]
    assert "“ya” atau “tidak”" in reasons[6]
    assert "wajib diisi" in reasons[7]
    assert not Instansi.objects.filter(nama__startswith="Dinas Uji").exists()


def test_reimport_changes_nothing_and_updates_match_on_name(sekretariat):
    content = csv_bytes(HEADER, [["Dinas Uji Ulang", "DUU", "OPD", "", "ya"]])
    run_import(key="instansi", content=content, user=sekretariat, name="instansi.csv")
    again = run_import(key="instansi", content=content, user=sekretariat, name="instansi.csv")
    assert (again.jumlah_baru, again.jumlah_ubah, again.jumlah_sama) == (0, 0, 1)
    changed = run_import(
        key="instansi",
        content=csv_bytes(HEADER, [["Dinas Uji Ulang", "DUU", "OPD", "Jl. Baru", "ya"]]),
        user=sekretariat,
        name="instansi.csv",
    )
    assert changed.jumlah_ubah == 1
    assert Instansi.objects.get(nama="Dinas Uji Ulang").alamat == "Jl. Baru"


def test_list_page_exports_the_import_columns(sekretariat, client):
    client.force_login(sekretariat)
    page = client.get(reverse("lpse:instansi-list"))
    assert page.status_code == 200 and "Ekspor XLSX" in page.content.decode()
    response = client.get(reverse("lpse:impor-instansi-ekspor") + "?format=xlsx")
    rows = read_xlsx(response.content)
    assert rows[0] == ["nama", "singkatan", "jenis", "alamat", "aktif"]
    assert len(rows) == Instansi.objects.count() + 1
    again = run_import(key="instansi", content=response.content, user=sekretariat)
    assert again.jumlah_sama == Instansi.objects.count() and again.jumlah_baru == again.jumlah_ubah == 0


def test_cancel_drops_the_stored_file(sekretariat, client):
    client.force_login(sekretariat)
    record = import_preview(
        kind=get_kind("instansi"),
        upload=upload(xlsx_bytes(HEADER, [["Dinas Batal", "", "", "", ""]])),
        user=sekretariat,
    )
    path = record.berkas.path
    response = client.post(reverse("lpse:impor-instansi-batal", args=[record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.DIBATALKAN and not record.berkas
    import os

    assert not os.path.exists(path)


@pytest.mark.django_db(transaction=True)
def test_confirming_while_the_broker_is_away_answers_503_and_keeps_the_preview(make_user, client):
    """Redis restarting (issue 11): the confirmation says why with a 503, not a 500, and the
    import goes back to its preview, nothing written, to be confirmed again later."""
    from lpse.celery import app
    from tests.lpse.brokers import CLOSED_PORT, broker_at

    user = make_user(roles.SEKRETARIAT)
    client.force_login(user)
    kind = get_kind("instansi")
    content = xlsx_bytes(HEADER, [["Dinas Saat Redis Mati", "DSRM", "OPD", "", "ya"]])
    record = import_preview(kind=kind, upload=upload(content), user=user)
    old_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with broker_at(CLOSED_PORT):
            response = client.post(reverse(kind.url_name("konfirmasi"), args=[record.pk]))
    finally:
        app.conf.task_always_eager = old_eager
    assert response.status_code == 503
    assert "broker Redis" in response.content.decode()
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.PRATINJAU and record.dikonfirmasi is None
    assert not Instansi.objects.filter(nama="Dinas Saat Redis Mati").exists()
