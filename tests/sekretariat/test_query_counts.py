"""Every Sekretariat page runs the same number of queries with 3 or 30 rows behind it."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lpse import roles
from sekretariat.models import Honorarium, Kualifikasi, LaporanKegiatan
from tests.sekretariat.factories import (
    DisposisiFactory,
    NaskahFactory,
    PegawaiFactory,
    PelatihanPegawaiFactory,
    PenugasanLuarFactory,
    RisikoFactory,
    SuratKeputusanFactory,
    nip_for,
)

pytestmark = pytest.mark.django_db


def _seed(start: int, stop: int) -> dict:
    sk = SuratKeputusanFactory()
    first = None
    for i in range(start, stop):
        p = PegawaiFactory(nip=nip_for(i), sk=sk, bidang=["registrasi", "layanan", "sekretariat"][i % 3])
        first = first or p
        Kualifikasi.objects.create(pegawai=first, jenis="sertifikat", nama=f"Sertifikat {i}")
        PelatihanPegawaiFactory(pegawai=first)
        Honorarium.objects.create(pegawai=p, periode=dt.date(2026, 3, 1), jumlah=1000)
        Honorarium.objects.create(pegawai=p, periode=dt.date(2020, 1, 1), jumlah=5)
        PenugasanLuarFactory()
        DisposisiFactory(naskah=NaskahFactory())
        RisikoFactory()
        LaporanKegiatan.objects.create(
            periode="bulanan",
            tahun=2000 + i,
            nomor_periode=1,
            mulai=dt.date(2000 + i, 1, 1),
            selesai=dt.date(2000 + i, 1, 31),
        )
    laporan = LaporanKegiatan.objects.first()
    return {"pegawai": first.pk, "sk": sk.pk, "laporan": laporan.pk}


PAGES = [
    ("sekretariat:index", None, roles.SEKRETARIS),
    ("sekretariat:pegawai-detail", "pegawai", roles.SEKRETARIS),
    ("sekretariat:sk-list", None, roles.SEKRETARIAT),
    ("sekretariat:sk-detail", "sk", roles.SEKRETARIAT),
    ("sekretariat:penugasan-luar-list", None, roles.SEKRETARIAT),
    ("sekretariat:honorarium-list", None, roles.SEKRETARIAT),
    ("sekretariat:laporan-list", None, roles.KEPALA_UNIT),
    ("sekretariat:laporan-detail", "laporan", roles.KEPALA_UNIT),
    ("sekretariat:sop", None, roles.KEPALA_UNIT),
    ("sekretariat:statistik-publik", None, None),
    ("sekretariat:profil-publik", None, None),
    ("sekretariat:pegawai-create", None, roles.SEKRETARIS),
    ("sekretariat:naskah-create", "masuk", roles.SEKRETARIAT),
    ("sekretariat:kegiatan-create", None, roles.SEKRETARIS),
    ("sekretariat:risiko-create", None, roles.SEKRETARIS),
    ("sekretariat:disposisi-saya", None, roles.REGISTRASI),
]


def _count(client, url) -> int:
    cache.clear()
    from lpse.context_processors import urgent_announcements

    urgent_announcements()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


@pytest.mark.parametrize(("name", "arg", "role"), PAGES, ids=[p[0] for p in PAGES])
def test_page_query_count_does_not_grow_with_data(name, arg, role, client, make_user):
    if role:
        client.force_login(make_user(role))
    counts = []
    for start, stop in ((0, 3), (3, 30)):  # 3 rows, then 30
        ids = _seed(start, stop)
        if arg == "masuk":
            kwargs = {"jenis": "masuk"}
        elif arg:
            kwargs = {"pk": ids[arg]}
        else:
            kwargs = None
        url = reverse(name, kwargs=kwargs)
        if name == "sekretariat:honorarium-list":
            url += "?bulan=2026-03"
        counts.append(_count(client, url))
    assert counts[0] == counts[1], f"{name}: {counts}"
