"""Monitoring views (Pasal 17(2)): charts from roll-ups, overview, uptime, dashboard panel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from infrastruktur.models import CekRuangServer
from lpse import roles
from monitoring.models import AsetStatus, LaporanHarian, Rollup, Sampel
from monitoring.selectors import chart_data, uptime_per_month
from tests.infrastruktur.factories import AsetFactory, InsidenFactory, PemeriksaanFactory

pytestmark = pytest.mark.django_db


def _rollups(aset, seri, resolusi, n, step, now, value=50.0):
    Rollup.objects.bulk_create(
        [
            Rollup(
                aset=aset,
                seri=seri,
                resolusi=resolusi,
                waktu=now - step * i - timedelta(minutes=1),
                rata=value,
                minimum=value,
                maksimum=value,
                jumlah=12,
            )
            for i in range(n)
        ]
    )


def test_each_range_reads_its_own_resolution():
    aset = AsetFactory()
    check = PemeriksaanFactory(aset=aset, nama="Beranda SPSE")
    now = timezone.now()
    Sampel.objects.bulk_create(
        [Sampel(aset=aset, seri="ram.pct", waktu=now - timedelta(minutes=5 * i), nilai=40) for i in range(288)]
    )
    _rollups(aset, "ram.pct", "jam", 24 * 30, timedelta(hours=1), now, 41)
    _rollups(aset, "disk.pct:/", "hari", 365, timedelta(days=1), now, 60)
    _rollups(aset, f"cek.{check.pk}.ms", "hari", 365, timedelta(days=1), now, 120)
    day = chart_data(aset=aset, rentang="24j", now=now)
    assert len(day["grup"]["ram"][0]["data"]) == 288 and day["grup"]["ram"][0]["data"][0][1] == 40
    week = chart_data(aset=aset, rentang="7h", now=now)
    assert len(week["grup"]["ram"][0]["data"]) == 7 * 24 and week["grup"]["ram"][0]["data"][0][1] == 41
    month = chart_data(aset=aset, rentang="30h", now=now)
    assert len(month["grup"]["ram"][0]["data"]) == 30 * 24
    year = chart_data(aset=aset, rentang="1t", now=now)
    assert len(year["grup"]["disk"][0]["data"]) == 365
    assert year["grup"]["latensi"][0]["label"] == "Latensi Beranda SPSE"


def test_chart_data_endpoint_refuses_an_unknown_range(client_as):
    aset = AsetFactory()
    client = client_as(roles.LKPP)
    response = client.get(reverse("monitoring:data", args=[aset.pk]) + "?rentang=abad")
    assert response.status_code == 400 and "Rentang" in response.json()["galat"]
    ok = client.get(reverse("monitoring:data", args=[aset.pk]) + "?rentang=1t")
    assert ok.status_code == 200 and set(ok.json()["grup"]) == {"disk", "ram", "cpu", "traffic", "latensi"}


def test_chart_page_uses_the_local_chart_library(client_as):
    aset = AsetFactory()
    page = client_as(roles.LKPP).get(reverse("monitoring:aset", args=[aset.pk]) + "?rentang=1t")
    html = page.content.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in html and "/static/monitoring/grafik.js" in html
    assert "rentang=1t" in html and "<script>" not in html  # CSP: no inline script


def test_uptime_per_month_from_daily_rollups():
    aset = AsetFactory()
    check = PemeriksaanFactory(aset=aset)
    now = timezone.now()
    local = timezone.localtime(now).replace(day=15, hour=12)
    prev = (local.replace(day=1) - timedelta(days=1)).replace(day=10)
    Rollup.objects.bulk_create(
        [
            Rollup(
                aset=aset,
                seri=f"cek.{check.pk}.up",
                resolusi="hari",
                waktu=local,
                rata=1.0,
                minimum=1,
                maksimum=1,
                jumlah=1440,
            ),
            Rollup(
                aset=aset,
                seri=f"cek.{check.pk}.up",
                resolusi="hari",
                waktu=prev,
                rata=0.9,
                minimum=0,
                maksimum=1,
                jumlah=1000,
            ),
            Rollup(
                aset=aset,
                seri=f"cek.{check.pk}.up",
                resolusi="hari",
                waktu=prev + timedelta(days=1),
                rata=1.0,
                minimum=1,
                maksimum=1,
                jumlah=1000,
            ),
        ]
    )
    months, rows = uptime_per_month(now=now)
    assert len(months) == 12
    assert rows[0]["bulan"][-1] == pytest.approx(100)
    assert rows[0]["bulan"][-2] == pytest.approx(95)
    assert rows[0]["bulan"][0] is None


def test_overview_shows_every_assets_state(client_as):
    bad, good = AsetFactory(nama="Server Rusak"), AsetFactory(nama="Server Sehat")
    AsetStatus.objects.create(aset=bad, tingkat="kritis")
    AsetStatus.objects.create(aset=good, tingkat="ok")
    InsidenFactory(aset=bad)
    html = client_as(roles.LKPP).get(reverse("monitoring:overview")).content.decode()
    assert "Server Rusak" in html and "Kritis" in html and "Server Sehat" in html and "Normal" in html


def test_dashboard_panel_shows_states_incidents_report_and_room_check(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    AsetStatus.objects.create(aset=AsetFactory(), tingkat="kritis")
    AsetStatus.objects.create(aset=AsetFactory(), tingkat="peringatan")
    AsetFactory()  # never evaluated: counted as without data
    InsidenFactory()
    html = client.get(reverse("lpse:dashboard")).content.decode()
    assert 'data-panel="infrastruktur"' in html
    assert "1 kritis" in html and "1 peringatan" in html and "<strong>1</strong></a></p>" in html
    assert 'data-laporan-harian="terjadwal"' in html  # its schedule has not run yet: not red
    CekRuangServer.objects.create(tanggal=timezone.localdate(), suhu=22, kelembapan=50)
    LaporanHarian.objects.create(tanggal=timezone.localdate())  # no PDF yet: still "belum ada"
    html = client.get(reverse("lpse:dashboard")).content.decode()
    assert "Cek ruang server hari ini: sudah" in html


def test_dashboard_panel_is_hidden_from_lkpp_and_other_bidang(client_as):
    assert (
        'data-panel="infrastruktur"' not in client_as(roles.REGISTRASI).get(reverse("lpse:dashboard")).content.decode()
    )


@pytest.mark.parametrize(
    ("seri", "label"),
    [("disk.pct:/data", "Disk /data"), ("net.rx:eth0", "Masuk eth0"), ("ram.pct", "RAM terpakai"), ("x.y", "x.y")],
)
def test_series_have_indonesian_legends(seri, label):
    from monitoring.selectors import series_label

    assert series_label(seri) == label
