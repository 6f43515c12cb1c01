"""Connection checks against local fake servers (Pasal 17(3)), and the
incidents and gangguan notices that follow (Pasal 14(d))."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from infrastruktur.models import CatatanInsiden, Insiden
from lpse import roles
from lpse.models import Pengumuman
from monitoring.models import Kondisi, Pemeriksaan, Sampel
from monitoring.services import cek
from monitoring.services.evaluasi import insiden_tutup_tenang
from tests.infrastruktur.factories import AsetFactory, PemeriksaanFactory
from tests.monitoring.fakeserver import closed_port, http_server, self_signed, tls_context

pytestmark = pytest.mark.django_db


def test_http_check_reports_status_and_latency():
    with http_server() as port:
        ok = cek.check_http(f"http://127.0.0.1:{port}/", 5)
        bad = cek.check_http(f"http://127.0.0.1:{port}/rusak", 5)
    assert ok.ok and ok.ms is not None and "HTTP 200" in ok.pesan
    assert not bad.ok and "HTTP 500" in bad.pesan
    down = cek.check_http(f"http://127.0.0.1:{closed_port()}/", 2)
    assert not down.ok and "Tidak terjangkau" in down.pesan


def test_tcp_check_open_and_closed_port():
    with http_server() as port:
        assert cek.check_tcp(f"127.0.0.1:{port}", 2).ok
    closed = cek.check_tcp(f"127.0.0.1:{closed_port()}", 2)
    assert not closed.ok and "tertutup" in closed.pesan
    assert not cek.check_tcp("tanpa-port", 2).ok


def test_dns_check_resolves_localhost_and_refuses_a_broken_name():
    assert cek.check_dns("localhost", 2).ok
    assert not cek.check_dns("nama..rusak", 2).ok


def test_tls_check_counts_days_left_on_a_local_certificate(tmp_path, settings):
    cert, key = self_signed(tmp_path, days=10)
    settings.MONITORING_TLS_CAFILE = cert
    with http_server(tls_context(cert, key)) as port:
        result = cek.check_tls(f"localhost:{port}", 5)
        https = cek.check_http(f"https://localhost:{port}/", 5)
    assert result.ok and 9.5 < result.tls_hari < 10.5
    assert https.ok


def test_tls_days_under_20_warn_and_under_3_are_critical(tmp_path, settings):
    """Thresholds of the issue: TLS under 20 days warning, under 3 critical."""
    aset = AsetFactory()
    for days, level in [(10, "peringatan"), (2, "kritis")]:
        cert, key = self_signed(tmp_path, days=days)
        settings.MONITORING_TLS_CAFILE = cert
        with http_server(tls_context(cert, key)) as port:
            check = PemeriksaanFactory(aset=aset, jenis="tls", target=f"localhost:{port}")
            cek.pemeriksaan_run_due()
        assert Kondisi.objects.get(aset=aset, kode=f"tls.{check.pk}").tingkat == level


def test_slow_http_raises_a_latency_warning():
    aset = AsetFactory(latensi_peringatan_ms=100)
    with http_server() as port:
        check = PemeriksaanFactory(aset=aset, target=f"http://127.0.0.1:{port}/lambat")
        cek.pemeriksaan_run_due()
    assert Kondisi.objects.get(aset=aset, kode=f"latensi.{check.pk}").tingkat == "peringatan"
    assert Sampel.objects.filter(seri=f"cek.{check.pk}.ms", nilai__gte=300).exists()


def test_three_failures_in_a_row_open_one_incident_and_mail_the_bidang(make_user, django_capture_on_commit_callbacks):
    """Pasal 17(3): act at once on outages; one open incident per asset and condition."""
    make_user(roles.ADMIN_SISTEM, email="sistem@lpse.test")
    aset = AsetFactory(server_spse=True)
    check = PemeriksaanFactory(aset=aset, target=f"http://127.0.0.1:{closed_port()}/")
    t0 = timezone.now()
    for i in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            cek.pemeriksaan_run_due(now=t0 + timedelta(minutes=i))
        if i < 2:
            assert not Insiden.objects.exists()
    insiden = Insiden.objects.get()
    assert insiden.kode == f"cek.{check.pk}" and insiden.status == "terbuka"
    assert insiden.draf_pengumuman  # Pasal 14(d): SPSE unreachable
    assert len(mail.outbox) == 1 and "sistem@lpse.test" in mail.outbox[0].to
    assert Sampel.objects.filter(seri=f"cek.{check.pk}.up", nilai=0).count() == 5


def test_spse_outage_notice_is_published_in_one_click_and_ended_on_recovery(client_as):
    """Pasal 14(d): a draft gangguan notice, published and ended by staff."""
    aset = AsetFactory(server_spse=True)
    with http_server() as port:
        check = PemeriksaanFactory(aset=aset, target=f"http://127.0.0.1:{port}/rusak")
        t0 = timezone.now()
        for i in range(3):
            cek.pemeriksaan_run_due(now=t0 + timedelta(minutes=i))
        insiden = Insiden.objects.get(aset=aset)
        client = client_as(roles.ADMIN_SISTEM)
        page = client.get(insiden.get_absolute_url()).content.decode()
        assert "Terbitkan pengumuman gangguan" in page
        client.post(reverse("infrastruktur:insiden-aksi", args=[insiden.pk, "umumkan"]))
        pengumuman = Pengumuman.objects.active().get(jenis="gangguan")
        assert pengumuman.mendesak
        assert "Gangguan akses SPSE" in client.get(reverse("lpse:home")).content.decode()
        check.target = f"http://127.0.0.1:{port}/"
        check.save()
        cek.pemeriksaan_run_due(now=t0 + timedelta(minutes=4))
    insiden.refresh_from_db()
    assert insiden.status == "pulih"
    page = client.get(insiden.get_absolute_url()).content.decode()
    assert "akhiri pengumuman gangguan" in page
    client.post(reverse("infrastruktur:insiden-aksi", args=[insiden.pk, "akhiri-pengumuman"]))
    assert not Pengumuman.objects.active().filter(jenis="gangguan").exists()
    # closes itself after the quiet time
    assert insiden_tutup_tenang(now=t0 + timedelta(minutes=10)) == 0
    assert insiden_tutup_tenang(now=t0 + timedelta(minutes=40)) == 1
    insiden.refresh_from_db()
    assert insiden.status == "ditutup"
    assert CatatanInsiden.objects.filter(insiden=insiden, isi__startswith="Kondisi pulih").exists()


def test_check_not_due_is_not_run_again():
    check = PemeriksaanFactory(target="http://127.0.0.1:9/", interval_detik=300)
    now = timezone.now()
    assert cek.pemeriksaan_run_due(now=now) == 1
    assert cek.pemeriksaan_run_due(now=now + timedelta(seconds=60)) == 0
    assert cek.pemeriksaan_run_due(now=now + timedelta(seconds=300)) == 1
    assert Pemeriksaan.objects.get(pk=check.pk).gagal_berturut == 2


@pytest.mark.parametrize(
    ("jenis", "target", "pesan"),
    [("http", "spse.karokab.go.id", "http://"), ("tcp", "spse.karokab.go.id", "host:port"), ("tls", "x", "host:port")],
)
def test_check_form_explains_a_bad_target(client_as, jenis, target, pesan):
    aset = AsetFactory()
    response = client_as(roles.ADMIN_SISTEM).post(
        reverse("monitoring:pemeriksaan-create", args=[aset.pk]),
        {"nama": "Cek", "jenis": jenis, "target": target, "interval_detik": 60, "batas_waktu_detik": 5},
    )
    assert response.status_code == 400 and pesan in response.content.decode()
    assert not Pemeriksaan.objects.exists()


def test_changing_a_check_target_restarts_its_failure_count(client_as):
    check = PemeriksaanFactory(gagal_berturut=5)
    response = client_as(roles.ADMIN_SISTEM).post(
        reverse("monitoring:pemeriksaan-edit", args=[check.pk]),
        {
            "nama": check.nama,
            "jenis": "http",
            "target": "http://127.0.0.1:8/baru",
            "interval_detik": 60,
            "batas_waktu_detik": 5,
            "aktif": "on",
        },
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.gagal_berturut == 0 and check.target.endswith("/baru")
