"""The letter register's filters and text search use an index on the volume shape
(issue 14): EXPLAIN on a few thousand letters after ANALYZE, no sequential scan."""

from datetime import date, timedelta

import pytest
from django.db import connection

from sekretariat import selectors
from sekretariat.models import Naskah
from tests.plans import settle  # noqa: E402

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")

ROWS = 4000


@pytest.fixture
def register(db):
    start = date(2020, 1, 1)
    jenis = ["masuk", "keluar", "telaahan"]
    sifat = ["biasa"] * 7 + ["penting", "segera", "rahasia"]
    Naskah.objects.bulk_create(
        [
            Naskah(
                jenis=jenis[i % 3],
                tahun=(start + timedelta(days=i // 2)).year,
                urut=i + 1,
                nomor_agenda=f"{i + 1:05d}/RNC/{jenis[i % 3]}",
                nomor_surat=f"027/{i}/DPMPTSP/2026",
                tanggal_surat=start + timedelta(days=i // 2),
                tanggal_agenda=start + timedelta(days=i // 2),
                pengirim=f"Dinas Rencana {i % 40}",
                penerima="Kepala Unit LPSE",
                perihal=f"Surat rencana {i}",
                ringkasan="Ringkasan surat rencana untuk uji rencana kueri.",
                sifat=sifat[i % 10],
            )
            for i in range(ROWS)
        ],
        batch_size=1000,
    )
    settle("sekretariat_naskah")


def _assert_indexed(plan: str):
    assert "Seq Scan on sekretariat_naskah" not in plan, plan


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"q": "Surat rencana 3612"},
        {"q": "027/3612/"},
        {"q": "03612/RNC"},
        {"jenis": "masuk"},
        {"tahun": 2022},
        {"sifat": "rahasia"},
        {"q": "rencana 361", "jenis": "masuk", "tahun": 2024},
    ],
    ids=lambda k: ",".join(k) or "tanpa-saringan",
)
def test_each_register_page_reads_an_index(register, kwargs):
    _assert_indexed(selectors.naskah_search(**kwargs)[:50].explain())


@pytest.mark.parametrize("q", ["Surat rencana 3612", "027/3612/", "03612/RNC"])
def test_the_count_of_a_search_reads_the_trigram_indexes(register, q):
    plan = selectors.naskah_search(q=q).order_by().values("id").explain()
    _assert_indexed(plan)
    assert "naskah_teks_trgm" in plan


def test_the_search_matches_any_of_the_six_columns_whatever_the_case(db):
    from sekretariat.models import Naskah as N

    naskah = N.objects.create(
        jenis="masuk", tahun=2026, urut=1, nomor_agenda="001/AG", nomor_surat="027/99/DISKOMINFO",
        tanggal_surat=date(2026, 3, 1), pengirim="Dinas Kominfo", penerima="Kepala Unit LPSE",
        perihal="Undangan rapat", ringkasan="Membahas jaringan",
    )  # fmt: skip
    for q in ("undangan", "KOMINFO", "kepala unit", "001/ag", "027/99", "jaringan"):
        assert list(selectors.naskah_search(q=q)) == [naskah], q
    assert not selectors.naskah_search(q="rapat dinas").exists()  # not across two columns
