"""The verification queue's filters and search use an index on the volume shape
(issue 14): EXPLAIN on a few thousand applications after ANALYZE, no sequential
scan of the register."""

import secrets
from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from registrasi.filters import AntrianFilter
from registrasi.models import Pendaftaran
from registrasi.selectors import antrian_queryset
from tests.plans import settle  # noqa: E402

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")

ROWS = 4000
STATUSES = ["disetujui"] * 13 + ["diajukan"] * 4 + ["dikembalikan"] * 2 + ["menunggu_konfirmasi"]
BENTUK = ["cv", "pt", "koperasi", "firma", "perusahaan_perorangan", "perorangan"]


@pytest.fixture
def register(db):
    """The shape of seed_volume: six business forms, four statuses, one application every 17 minutes."""
    now = timezone.now()
    Pendaftaran.objects.bulk_create(
        [
            Pendaftaran(
                jenis="penyedia",
                status=STATUSES[i % len(STATUSES)],
                nomor=f"REG-P-{i:07d}",
                token=secrets.token_urlsafe(32),
                token_konfirmasi=secrets.token_urlsafe(32),
                nama_badan_usaha=f"{BENTUK[i % 6].upper()} Rencana {i}",
                bentuk_usaha=BENTUK[i % 6],
                npwp=f"08{i:014d}",
                nib=f"{8000000000000 + i}",
                alamat="Jl. Rencana",
                provinsi="Sumatera Utara",
                kabupaten_kota="Kabupaten Karo",
                telepon="0628-1",
                email=f"rencana{i}@plan.lpse.id",
                pj_nama=f"Penanggung Jawab {i}",
                pj_nik=f"1206011708{i % 1_000_000:06d}",
                pj_jabatan="Direktur",
                kontak_nama="Kontak",
                user_id_diminta=f"ren{i}",
                diajukan=now - timedelta(minutes=17 * i),
                email_dikonfirmasi=now - timedelta(minutes=17 * i),
                batas_sla=now - timedelta(minutes=17 * i) + timedelta(days=4),
            )
            for i in range(ROWS)
        ],
        batch_size=1000,
    )
    settle("registrasi_pendaftaran")


def _queryset(params: dict, user):
    request = RequestFactory().get("/staf/registrasi/", params)
    request.user = user
    return AntrianFilter(params, queryset=antrian_queryset(), request=request).qs


def _assert_indexed(plan: str):
    assert "Seq Scan on registrasi_pendaftaran" not in plan, plan
    assert "registrasi_pendaftaran" in plan


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "diajukan"},
        {"bentuk_usaha": "cv"},
        {"jenis": "penyedia"},
        {"dari": "2026-01-01", "sampai": "2026-12-31"},
        {"q": "Rencana 3612"},
        {"q": "Penanggung Jawab 3612"},
        {"q": "REG-P-0003612"},
        {"q": "0800000000003612"},
        {"status": "diajukan", "bentuk_usaha": "cv", "q": "Rencana 36"},
        {"lewat_sla": "on"},
    ],
    ids=lambda p: ",".join(p) or "tanpa-saringan",
)
def test_each_queue_page_reads_an_index(register, make_user, params):
    page = _queryset(params, make_user())[:25]
    _assert_indexed(page.explain())


@pytest.mark.parametrize(
    "params",
    [{"q": "Rencana 3612"}, {"status": "diajukan", "bentuk_usaha": "cv", "q": "Rencana 36"}, {"q": "0800000000003612"}],
    ids=lambda p: ",".join(p),
)
def test_the_count_of_a_search_reads_an_index(register, make_user, params):
    qs = _queryset(params, make_user()).order_by().values("id")
    _assert_indexed(qs.explain())


def test_date_filters_keep_whole_local_days(register, make_user):
    today = timezone.localdate()
    qs = _queryset({"dari": today.isoformat(), "sampai": today.isoformat()}, make_user())
    assert qs.exists()
    assert all(timezone.localtime(p.diajukan).date() == today for p in qs)
