"""Monitoring's loose ends of issue 13: assets without data, the daily report on demand,
its state on a fresh install."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from lpse import roles, totals
from lpse.models import DailyRun, Dokumen
from monitoring.models import AsetStatus, LaporanHarian, Rollup
from monitoring.selectors import daily_report_state, report_figures
from monitoring.services.evaluasi import evaluate_all
from monitoring.services.laporan import request_flag_key
from tests.infrastruktur.factories import AsetFactory, PemeriksaanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_request_flags():
    cache.clear()


def test_asset_that_never_sent_data_is_tidak_ada_data_and_counted_so(client_as):
    AsetFactory(nama="UPS Ruang Server", jenis="ups")
    evaluate_all()
    assert AsetStatus.objects.get().tingkat == AsetStatus.Tingkat.BASI
    html = client_as(roles.ADMIN_SISTEM).get(reverse("monitoring:overview")).content.decode()
    assert "Tidak ada data" in html and "Normal</span>" not in html
    assert "tidak ada data 1" in html and "normal 0" in html


def test_asset_without_data_is_left_out_of_uptime_and_no_data_is_not_100_percent():
    silent = AsetFactory(nama="Server Sunyi")
    check = PemeriksaanFactory(aset=silent)
    AsetStatus.objects.create(aset=silent, tingkat=AsetStatus.Tingkat.BASI)
    today = timezone.localdate()
    start = today.replace(day=1)
    assert report_figures(start=start, end=today)["uptime_persen"] is None  # nothing: "–", not 100 %
    # Stray roll-ups of an asset that never reported do not make an uptime either.
    Rollup.objects.create(
        aset=silent,
        seri=f"cek.{check.pk}.up",
        resolusi="hari",
        waktu=timezone.make_aware(datetime.combine(today, datetime.min.time())),
        rata=1,
        minimum=1,
        maksimum=1,
        jumlah=100,
    )
    totals.mark_dirty("monitoring", [today])  # as services.metrik.rollup_days does for the days it writes
    assert report_figures(start=start, end=today)["uptime_persen"] is None
    AsetStatus.objects.filter(aset=silent).update(tingkat="ok", terakhir_data=timezone.now())
    assert report_figures(start=start, end=today)["uptime_persen"] == 100


def test_public_statistics_do_not_publish_uptime_from_nothing(client):
    AsetStatus.objects.create(aset=AsetFactory(), tingkat=AsetStatus.Tingkat.BASI)
    html = client.get(reverse("sekretariat:statistik-publik")).content.decode()
    assert "Uptime" in html and "100" not in html.split("Uptime", 1)[1][:200]


@time_machine.travel("2026-11-26 10:00 +0700", tick=False)
def test_staff_make_the_daily_report_now_once_per_date(client_as, django_capture_on_commit_callbacks):
    """Pasal 17(1): the report is made on demand; asking twice keeps one report and one number."""
    AsetFactory()
    client = client_as(roles.ADMIN_SISTEM)
    url = reverse("monitoring:laporan-list")
    assert "Buat laporan hari ini sekarang" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)
    assert response.status_code == 302 and callbacks  # queued after the commit (then the report's mail)
    assert LaporanHarian.objects.get().dokumen is not None
    assert DailyRun.objects.get(task="monitoring.tasks._daily_report_once").selesai is not None
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(url)
    assert callbacks == []  # made already: nothing queued
    assert LaporanHarian.objects.count() == 1 and Dokumen.objects.filter(kode="MON").count() == 1
    html = client.get(url, follow=True).content.decode()
    assert 'data-laporan-harian="ada"' in html and "Buat laporan hari ini sekarang" not in html


@time_machine.travel("2026-11-26 10:00 +0700", tick=False)
def test_requested_report_shows_its_progress_and_polls(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    cache.set(request_flag_key(timezone.localdate()), "x", 60)
    html = client.get(reverse("monitoring:laporan-list")).content.decode()
    assert 'data-laporan-harian="diantrekan"' in html and 'data-hx-trigger="every 2s"' in html
    DailyRun.objects.create(
        task="monitoring.tasks._daily_report_once", tanggal=timezone.localdate(), mulai=timezone.now()
    )
    fragment = client.get(reverse("monitoring:laporan-list"), headers={"HX-Request": "true"}).content.decode()
    assert 'data-laporan-harian="berjalan"' in fragment and "<html" not in fragment


def test_a_second_beat_queueing_the_report_finds_the_claim_taken():
    from monitoring.tasks import daily_report

    AsetFactory()
    first = daily_report.delay().get()
    assert daily_report.delay().get() == first
    assert DailyRun.objects.count() == 1


def _at(hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(2026, 11, 26, hour, minute))


def test_fresh_install_does_not_show_the_report_red_before_its_first_scheduled_run(client_as):
    task = PeriodicTask.objects.get(task="infrastruktur.tasks.daily_report")
    assert task.last_run_at is None  # as migrated: never run
    state = daily_report_state(now=_at(15))
    assert state["state"] == "terjadwal" and state["pertama"]
    with time_machine.travel(_at(15), tick=False):
        html = client_as(roles.ADMIN_SISTEM).get(reverse("lpse:dashboard")).content.decode()
    assert "jadwal pertama pukul 07.00" in html and 'text-danger fw-semibold">belum dibuat' not in html


def test_report_is_red_only_once_a_scheduled_run_was_missed():
    PeriodicTask.objects.filter(task="infrastruktur.tasks.daily_report").update(last_run_at=_at(7) - timedelta(days=1))
    assert daily_report_state(now=_at(6, 30))["state"] == "terjadwal"
    assert daily_report_state(now=_at(7, 10))["state"] == "terjadwal"  # still within the grace
    assert daily_report_state(now=_at(8))["state"] == "terlambat"
    LaporanHarian.objects.create(tanggal=_at(8).date())  # row without PDF: still missing
    assert daily_report_state(now=_at(8))["state"] == "terlambat"
