import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from lpse import roles
from sekretariat import selectors, sources
from tests.sekretariat import fake_bidang
from tests.sekretariat.factories import KegiatanFactory, PelatihanPegawaiFactory

pytestmark = pytest.mark.django_db


def test_sources_say_no_data_while_a_bidang_has_no_selector():
    figures = sources.all_figures(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert figures["registrasi"] is None
    assert figures["layanan"] is None
    assert figures["infrastruktur"] is None
    assert figures["sekretariat"]["naskah_total"] == 0


def test_automatic_realisation_from_each_bidang(monkeypatch):
    calls = []
    fake_bidang.install(monkeypatch, calls)
    reg = KegiatanFactory(
        bidang="registrasi", target=24, sumber_otomatis="registrasi.terverifikasi", realisasi_manual=None
    )
    lay = KegiatanFactory(bidang="layanan", target=4, sumber_otomatis="layanan.pelatihan", realisasi_manual=None)
    inf = KegiatanFactory(
        bidang="infrastruktur", target=20, sumber_otomatis="infrastruktur.hari_monitoring", realisasi_manual=None
    )
    manual = KegiatanFactory(bidang="sekretariat", target=10, realisasi_manual=Decimal(5))
    data = selectors.program_kerja(tahun=2026)
    got = {k.pk: (k.realisasi, k.progres) for k in data["kegiatan"]}
    assert got[reg.pk] == (Decimal(12), 50)
    assert got[lay.pk] == (Decimal(3), 75)
    assert got[inf.pk] == (Decimal(20), 100)
    assert got[manual.pk] == (Decimal(5), 50)
    # one call per bidang for the whole year, however many activities
    assert sorted(c[0] for c in calls) == ["infrastruktur", "layanan", "registrasi"]
    assert all(c[1:] == (dt.date(2026, 1, 1), dt.date(2026, 12, 31)) for c in calls)
    per = {row["bidang"]: row["progres"] for row in data["per_bidang"]}
    assert per == {"sekretariat": 50, "infrastruktur": 100, "registrasi": 50, "layanan": 75}


def test_pasal_22_staff_training_realisation_counts_the_records():
    for _ in range(3):
        PelatihanPegawaiFactory(mulai=dt.date(2026, 4, 1), selesai=dt.date(2026, 4, 2))
    PelatihanPegawaiFactory(mulai=dt.date(2025, 4, 1), selesai=dt.date(2025, 4, 2))
    k = KegiatanFactory(target=6, sumber_otomatis="sekretariat.pelatihan_pegawai", realisasi_manual=None)
    row = selectors.program_kerja(tahun=2026)["kegiatan"][0]
    assert (row.pk, row.realisasi, row.progres) == (k.pk, Decimal(3), 50)


def test_automatic_source_without_data_shows_it_rather_than_zero(client_as):
    KegiatanFactory(bidang="layanan", sumber_otomatis="layanan.tiket_selesai", realisasi_manual=None)
    html = client_as(roles.KEPALA_UNIT).get(reverse("sekretariat:kegiatan-list") + "?tahun=2026").content.decode()
    assert "belum ada data" in html


def test_pasal_25_budget_realisation_cannot_exceed_pagu(client_as):
    response = client_as(roles.SEKRETARIS).post(
        reverse("sekretariat:kegiatan-create"),
        {
            "tahun": 2026,
            "bidang": "sekretariat",
            "nama": "Rapat koordinasi",
            "indikator": "Rapat",
            "satuan": "kali",
            "target": 4,
            "jadwal_mulai": "2026-01-01",
            "jadwal_selesai": "2026-12-31",
            "pagu": 1000,
            "realisasi_anggaran": 2000,
        },
    )
    assert response.status_code == 400
    assert "melebihi pagu" in response.content.decode()


def test_kepala_bidang_edits_only_the_program_kerja_of_own_bidang(client_as):
    own = KegiatanFactory(bidang="layanan")
    other = KegiatanFactory(bidang="registrasi")
    client = client_as(roles.KABID_LAYANAN)
    assert client.get(reverse("sekretariat:kegiatan-edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("sekretariat:kegiatan-edit", args=[other.pk])).status_code == 403
    form = client.get(reverse("sekretariat:kegiatan-create")).context["form"]
    assert [v for v, _ in form.fields["bidang"].choices] == ["layanan"]
    response = client.post(
        reverse("sekretariat:kegiatan-create"),
        {
            "tahun": 2026,
            "bidang": "registrasi",
            "nama": "X",
            "indikator": "Y",
            "satuan": "kali",
            "target": 1,
            "jadwal_mulai": "2026-01-01",
            "jadwal_selesai": "2026-02-01",
            "pagu": 0,
            "realisasi_anggaran": 0,
        },
    )
    assert response.status_code == 400


@pytest.mark.parametrize("n", [3, 30])
def test_program_kerja_page_query_count_does_not_grow(
    n, client_as, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_as(roles.SEKRETARIAT)
    for i in range(n):
        KegiatanFactory(
            bidang=["registrasi", "layanan", "infrastruktur", "sekretariat"][i % 4],
            sumber_otomatis="sekretariat.naskah_tercatat" if i % 2 else "",
        )
    # The first read stores the year's running totals (lpse.totals): a bounded catch-up.
    with django_assert_max_num_queries(30):
        assert client.get(reverse("sekretariat:kegiatan-list") + "?tahun=2026").status_code == 200
    # Then: user (session and perms are cached), kegiatan; sekretariat figures: letters and dispositions
    # from the cached running totals, today's included (no query), staff trainings, staff, honoraria,
    # reports, LKPP coordination (Pasal 24(2)), perlengkapan (three, Pasal 8(4)f); budget proposals
    # from monitoring (Pasal 17(5))
    with django_assert_num_queries(11):
        assert client.get(reverse("sekretariat:kegiatan-list") + "?tahun=2026").status_code == 200
