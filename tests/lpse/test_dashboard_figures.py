"""The Kepala Unit's dashboard tells the story (issue 13): every figure is a link to the list
behind it, and that list, filtered by the link's query, counts the same number."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lpse import roles
from monitoring.models import AsetStatus
from tests.factories import UserFactory
from tests.infrastruktur.factories import AsetFactory

pytestmark = pytest.mark.django_db


def _figures(html: str) -> dict[str, tuple[str, str]]:
    """{key: (url, value)} of the figures on the dashboard."""
    out = {}
    for block in re.findall(r'<li class="angka" data-angka="([^"]+)">(.*?)</li>', html, re.S):
        key, body = block
        link = re.search(r'<a href="([^"]+)" class="angka-nilai[^"]*" data-angka-link data-angka-nilai="([^"]*)"', body)
        out[key] = (link.group(1).replace("&amp;", "&"), link.group(2))
    return out


def _seed():
    from tests.layanan.factories import make_pelatihan, make_tiket

    now = timezone.now()
    for _ in range(3):
        make_tiket()
    make_tiket(at=now - timedelta(days=40))  # last month's
    make_pelatihan(days=-3)  # held this month
    AsetStatus.objects.create(aset=AsetFactory(), tingkat="kritis")
    AsetStatus.objects.create(aset=AsetFactory(), tingkat="ok", terakhir_data=now)
    AsetFactory()  # never evaluated: tidak ada data


@time_machine.travel("2026-11-20 10:00 +0700", tick=False)
def test_each_count_on_the_dashboard_links_to_a_list_filtered_to_that_count(client_as):
    _seed()
    client = client_as(roles.KEPALA_UNIT)
    html = client.get(reverse("lpse:dashboard")).content.decode()
    figures = _figures(html)
    assert {"tiket-masuk", "tiket-tepat-sla", "pelatihan", "pendaftaran-disetujui", "pendaftaran-menunggu"} <= set(
        figures
    )
    assert {"server-bermasalah", "backup-terakhir", "sop-patuh"} <= set(figures)
    assert figures["tiket-masuk"][1] == "3" and figures["server-bermasalah"][1] == "2"
    assert figures["pelatihan"][1] == "1"
    for key in ("tiket-masuk", "tiket-tepat-sla", "pelatihan", "pendaftaran-disetujui", "pendaftaran-menunggu"):
        url, value = figures[key]
        page = client.get(url).content.decode()
        total = re.search(r"data-total>([\d.]+)<", page)
        assert total and total.group(1) == value, (key, url)
    url, value = figures["server-bermasalah"]
    assert re.search(r"data-total>(\d+)<", client.get(url).content.decode()).group(1) == value
    url, value = figures["sop-patuh"]
    assert client.get(url).content.decode().count('data-status="patuh"') == int(value)


def test_zero_problems_are_not_coloured(client_as):
    AsetStatus.objects.create(aset=AsetFactory(), tingkat="ok", terakhir_data=timezone.now())
    html = client_as(roles.KEPALA_UNIT).get(reverse("lpse:dashboard")).content.decode()
    block = re.search(r'data-angka="server-bermasalah">(.*?)</li>', html, re.S).group(1)
    assert "text-danger" not in block and "text-warning" not in block and "0" in block
    assert 'class="badge text-bg-danger" data-count="kritis"' not in html


def test_trends_are_small_local_charts_with_their_numbers_as_text(client_as):
    html = client_as(roles.KEPALA_UNIT).get(reverse("lpse:dashboard")).content.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in html and "/static/js/dashboard.js" in html
    label = re.search(r'<canvas role="img" aria-label="(Tren tiket masuk: [^"]+)"', html).group(1)
    assert label.count(",") == 5  # six months, each with its number


def _make_dashboard_rows(n: int) -> None:
    from tests.layanan.factories import make_pelatihan, make_tiket

    now = timezone.now()
    for i in range(n):
        make_tiket(at=now - timedelta(days=i * 7 % 150))  # spread over the trend's months
        make_pelatihan(days=-(i % 60) - 1)
        AsetStatus.objects.create(aset=AsetFactory(), tingkat=("kritis", "peringatan", "ok", "basi")[i % 4])


@time_machine.travel("2026-11-20 10:00 +0700", tick=True)
def test_dashboard_query_count_does_not_grow_with_the_figures_data(client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(roles.KEPALA_UNIT)
    url = reverse("lpse:dashboard")

    def queries() -> int:
        client.get(url)  # recompute the days these rows dirtied, as the first reader would
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _make_dashboard_rows(3)
    small = queries()
    _make_dashboard_rows(27)
    assert queries() == small


@time_machine.travel("2026-11-20 10:00 +0700", tick=False)
def test_registrations_waiting_show_the_oldest_age_and_approved_link_to_their_list(client_as):
    from registrasi.models import Keputusan, Pendaftaran
    from tests.registrasi.factories import make_pendaftaran

    now = timezone.now()
    make_pendaftaran(diajukan=now - timedelta(days=6), with_files=False)
    make_pendaftaran(with_files=False)
    approved = make_pendaftaran(status=Pendaftaran.Status.DISETUJUI, with_files=False)
    Keputusan.objects.create(
        pendaftaran=approved,
        putaran=1,
        hasil=Keputusan.Hasil.SETUJU,
        user_id_spse="cvcontoh",
        verifikator=UserFactory(),
        dibuat=now - timedelta(days=2),
    )
    client = client_as(roles.KEPALA_UNIT)
    html = client.get(reverse("lpse:dashboard")).content.decode()
    figures = _figures(html)
    assert figures["pendaftaran-menunggu"][1] == "2" and "terlama 6 hari" in html
    assert figures["pendaftaran-disetujui"][1] == "1"
    page = client.get(figures["pendaftaran-disetujui"][0]).content.decode()
    assert "data-total>1<" in page and approved.nama in page
