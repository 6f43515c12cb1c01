import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from lpse import roles
from tests.sekretariat import fake_bidang
from tests.sekretariat.factories import NaskahFactory, PegawaiFactory, nip_for

pytestmark = pytest.mark.django_db

PERIOD = "?mulai=2026-03-01&selesai=2026-03-31"


def _seed(n=4):
    for i in range(n):
        NaskahFactory(jenis="masuk", tanggal_agenda=dt.date(2026, 3, 2))
        NaskahFactory(jenis="keluar", tanggal_agenda=dt.date(2026, 5, 2))
        PegawaiFactory(nip=nip_for(i), nama=f"Nama Rahasia {i}")


def test_staff_statistics_filter_by_period(client_as):
    _seed()
    response = client_as(roles.LAYANAN).get(reverse("sekretariat:statistik") + PERIOD)
    figures = response.context["figures"]
    assert figures["sekretariat"]["surat_masuk"] == 4
    assert figures["sekretariat"]["surat_keluar"] == 0
    assert "Belum ada data dari bidang ini." in response.content.decode()


def test_staff_statistics_filter_by_bidang(client_as, monkeypatch):
    fake_bidang.install(monkeypatch)
    response = client_as(roles.KEPALA_UNIT).get(reverse("sekretariat:statistik") + PERIOD + "&bidang=layanan")
    assert [s["name"] for s in response.context["sections"]] == ["layanan"]
    assert [c["key"] for c in response.context["charts"]] == ["kanal", "kategori", "ruang"]


def test_bad_period_is_a_400_with_a_message(client_as):
    response = client_as(roles.SEKRETARIS).get(
        reverse("sekretariat:statistik") + "?mulai=2026-05-01&selesai=2026-01-01"
    )
    assert response.status_code == 400
    assert "tidak boleh sebelum" in response.content.decode()
    bad = client_as(roles.SEKRETARIS).get(reverse("sekretariat:statistik-ekspor") + "?mulai=kemarin")
    assert bad.status_code == 400


def test_csv_export_has_the_same_figures(client_as):
    _seed()
    response = client_as(roles.SEKRETARIAT).get(reverse("sekretariat:statistik-ekspor") + PERIOD + "&format=csv")
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["Sekretariat", "Surat masuk", "4"] in rows
    assert ["Bidang Registrasi dan Verifikasi", "Belum ada data dari bidang ini.", ""] not in rows
    assert any(r[1] == "Belum ada data dari bidang ini." for r in rows)


def test_xlsx_export_opens_and_has_the_same_figures(client_as, monkeypatch):
    fake_bidang.install(monkeypatch)
    response = client_as(roles.SEKRETARIAT).get(reverse("sekretariat:statistik-ekspor") + PERIOD + "&format=xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert ("Layanan dan dukungan", "Tiket menurut kanal: Telepon", 8) in values


def test_pasal_24_1_c_public_statistics_show_aggregates_without_personal_data(client, monkeypatch):
    fake_bidang.install(monkeypatch)
    _seed()
    cache.clear()
    response = client.get(reverse("sekretariat:statistik-publik") + "?tahun=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tiket masuk" in html and "43" in html
    assert "Nama Rahasia" not in html
    assert "Honorarium" not in html and "Pegawai" not in html
    assert "Sekretariat" not in [s["judul"] for s in response.context["sections"]]


@pytest.mark.parametrize("n", [3, 30])
def test_statistics_page_query_count_does_not_grow(
    n, client_as, django_assert_max_num_queries, django_assert_num_queries
):
    _seed(n)
    client = client_as(roles.KEPALA_UNIT)
    # The first read stores the period's running totals (lpse.totals): a bounded catch-up.
    with django_assert_max_num_queries(30):
        assert client.get(reverse("sekretariat:statistik") + PERIOD).status_code == 200
    # Then: user (session and perms are cached); sekretariat figures: letters and dispositions from the
    # cached running totals (no query), staff trainings, staff, honoraria, reports, LKPP register (Pasal 24(2)),
    # perlengkapan (three, Pasal 8(4)f)
    with django_assert_num_queries(9):
        assert client.get(reverse("sekretariat:statistik") + PERIOD).status_code == 200


def test_public_statistics_draw_charts_with_their_numbers_and_keep_the_table(client, monkeypatch):
    """Issue 13: the published figures as local Chart.js bars; each canvas names its numbers for
    screen readers, and the table with every figure stays."""
    fake_bidang.install(monkeypatch)
    cache.clear()
    response = client.get(reverse("sekretariat:statistik-publik") + "?tahun=2026")
    html = response.content.decode()
    charts = {c["key"]: c for c in response.context["charts"]}
    assert "layanan" in charts and "Tiket masuk" in charts["layanan"]["labels"]
    assert 'id="grafik-data"' in html and "/static/vendor/chartjs/chart.umd.min.js" in html
    assert "/static/sekretariat/charts.js" in html and "cdn" not in html.lower()
    assert 'aria-label="Pendaftaran dan tiket: ' in html and "Tiket masuk 43" in html
    assert "<table" in html  # the table stays for screen readers and copying
    assert "Honorarium" not in html  # only published figures are drawn
