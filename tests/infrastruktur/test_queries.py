"""Every page of the bidang makes the same number of queries with 3 rows as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lpse import roles
from monitoring.models import Sampel
from monitoring.services.metrik import token_create
from tests.infrastruktur.factories import (
    AsetFactory,
    CekRuangFactory,
    InsidenFactory,
    InstruksiFactory,
    IzinFactory,
    LaporanFactory,
    PemeliharaanFactory,
    PemeriksaanFactory,
    PerubahanFactory,
)

pytestmark = pytest.mark.django_db


def _fill(n: int, aset):
    assets = AsetFactory.create_batch(n)
    now = timezone.now()
    for a in assets:
        token_create(aset=a)
        InsidenFactory(aset=a)
    for i in range(n):
        PemeriksaanFactory(aset=aset)
        InstruksiFactory()
        PemeliharaanFactory().aset.set(assets[:3])
        PerubahanFactory().aset.set(assets[:3])
        IzinFactory()
        CekRuangFactory(tanggal=timezone.localdate() - timezone.timedelta(days=i))
        LaporanFactory(tanggal=timezone.localdate() - timezone.timedelta(days=i))
        InsidenFactory(aset=aset)
    Sampel.objects.bulk_create(
        [
            Sampel(aset=aset, seri=f"disk.pct:/d{i}", waktu=now - timezone.timedelta(minutes=5 * j), nilai=50)
            for i in range(n)
            for j in range(3)
        ]
    )


PAGES = [
    ("infrastruktur:index", None),
    ("infrastruktur:aset-list", None),
    ("infrastruktur:aset-detail", "aset"),
    ("infrastruktur:insiden-list", None),
    ("infrastruktur:instruksi-list", None),
    ("infrastruktur:pemeliharaan-list", None),
    ("infrastruktur:perubahan-list", None),
    ("infrastruktur:ruang-list", None),
    ("infrastruktur:izin-list", None),
    ("monitoring:laporan-list", None),
    ("monitoring:overview", None),
    ("monitoring:uptime", None),
    ("monitoring:aset", "aset"),
    ("monitoring:data", "aset"),
    ("lpse:dashboard", None),
]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_page_queries_do_not_grow_with_data(client_as):
    client = client_as(roles.KABID_ADMIN_SISTEM)
    aset = AsetFactory(nama="Server yang dilihat")
    urls = [reverse(name, kwargs={"pk": aset.pk} if arg else None) for name, arg in PAGES]
    _fill(3, aset)
    small = {url: _count(client, url) for url in urls}
    _fill(27, aset)
    large = {url: _count(client, url) for url in urls}
    assert small == large
