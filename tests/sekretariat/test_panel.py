import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lpse import roles
from tests.sekretariat.factories import (
    KegiatanFactory,
    NaskahFactory,
    PegawaiFactory,
    RisikoFactory,
    SuratKeputusanFactory,
    nip_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(dt.datetime(2026, 11, 26, 3, tzinfo=dt.UTC), tick=True):
        yield


def _seed(n, offset=0):
    ending = SuratKeputusanFactory(berlaku_sampai=dt.date(2026, 12, 31))
    for i in range(offset, offset + n):
        NaskahFactory()
        PegawaiFactory(nip=nip_for(i), sk=ending)
        RisikoFactory(tanggal_tinjau=dt.date(2026, 11, 1))
        KegiatanFactory(tahun=2026)


def test_panel_shows_what_needs_attention(client_as):
    _seed(3)
    html = client_as(roles.SEKRETARIS).get(reverse("lpse:dashboard")).content.decode()
    assert "3 naskah menunggu disposisi" in html
    assert "3 SK berakhir dalam 60 hari" in html
    assert "3 risiko perlu ditinjau" in html
    assert "50%" in html
    assert 'data-angka="sop-patuh"' in html and "SOP dipatuhi" in html


def test_panel_is_hidden_from_other_bidang_and_sop_summary_from_sekretariat_staff(client_as, make_user, client):
    client.force_login(make_user(roles.LAYANAN))
    assert 'data-panel="sekretariat"' not in client.get(reverse("lpse:dashboard")).content.decode()
    client.force_login(make_user(roles.SEKRETARIAT))
    html = client.get(reverse("lpse:dashboard")).content.decode()
    assert 'data-panel="sekretariat"' in html and "SOP dipatuhi" not in html


def test_dashboard_panel_query_count_does_not_grow(client_as):
    """The Kepala Unit's dashboard (every bidang's panel, and the SOP summary that reads the other
    bidang's report selectors) makes as many queries with 30 rows as with 3."""
    client = client_as(roles.KEPALA_UNIT)
    client.get(reverse("lpse:dashboard"))  # first view creates singletons (the backup policy) once
    counts = []
    for n, offset in ((3, 0), (27, 3)):
        _seed(n, offset)
        cache.clear()  # cached counts (banner, registration queue) are read afresh each time
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("lpse:dashboard"))
        assert response.status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_sk_ending_link_lists_only_those_staff(client_as):
    _seed(2)
    PegawaiFactory(nip=nip_for(50), sk=SuratKeputusanFactory(berlaku_sampai=dt.date(2027, 6, 30)))
    response = client_as(roles.SEKRETARIS).get(reverse("sekretariat:pegawai-list") + "?sk=berakhir")
    assert response.context["page"].paginator.count == 2


def test_a_failing_bidang_selector_does_not_take_the_dashboard_down(client_as, monkeypatch):
    import dataclasses

    from lpse import registry
    from sekretariat import sources

    def report_figures(*, start, end):
        raise RuntimeError("rusak")

    broken = dataclasses.replace(registry.get("layanan"), report_figures=report_figures)
    monkeypatch.setitem(registry._REGISTRY, "layanan", broken)
    monkeypatch.setattr(sources, "_figures", registry.report_figures)  # the real lookup, not conftest's "no data"
    response = client_as(roles.KEPALA_UNIT).get(reverse("lpse:dashboard"))
    assert response.status_code == 200
    assert "Ringkasan SOP tidak dapat dihitung" in response.content.decode()
