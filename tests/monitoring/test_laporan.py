"""The Laporan Monitoring Harian (Pasal 17(1)): 07:00 WIB, one per day, PDF and mail."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from pypdf import PdfReader

from lpse import roles
from lpse.models import Dokumen
from monitoring.models import AsetStatus, LaporanHarian, Sampel
from monitoring.services.laporan import laporan_harian_buat
from monitoring.services.metrik import token_create
from monitoring.tasks import daily_report
from tests.infrastruktur.factories import AsetFactory, PemeriksaanFactory

pytestmark = pytest.mark.django_db


def test_daily_task_is_scheduled_at_07_00_wib():
    task = PeriodicTask.objects.get(task="infrastruktur.tasks.daily_report")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("7", "0", "Asia/Jakarta")
    collect = PeriodicTask.objects.get(task="infrastruktur.tasks.collect_local")
    assert collect.interval.every == 300 and collect.interval.period == "seconds"


def _data(now):
    server = AsetFactory(nama="Server Aplikasi SPSE")
    token_create(aset=server)
    AsetStatus.objects.create(aset=server, terakhir_data=now)
    rows = []
    for i in range(24 * 12):
        t = now - timedelta(minutes=5 * i)
        rows += [
            Sampel(aset=server, seri="disk.pct:/", waktu=t, nilai=70 - i * 0.01),
            Sampel(aset=server, seri="ram.pct", waktu=t, nilai=95 if i == 50 else 60),
        ]
    Sampel.objects.bulk_create(rows)
    check = PemeriksaanFactory(aset=server, nama="Beranda SPSE")
    Sampel.objects.bulk_create(
        [
            Sampel(aset=server, seri=f"cek.{check.pk}.up", waktu=now - timedelta(minutes=i), nilai=0 if i < 36 else 1)
            for i in range(1440)
        ]
    )
    silent = AsetFactory(nama="Server Basis Data")
    token_create(aset=silent)
    return server, silent


@time_machine.travel("2026-11-26 07:00 +0700", tick=False)
def test_daily_report_has_the_figures_a_pdf_and_a_mail(make_user, django_capture_on_commit_callbacks):
    make_user(roles.KABID_ADMIN_SISTEM, email="kabid@lpse.test")
    now = timezone.now()
    _data(now)
    with django_capture_on_commit_callbacks(execute=True):
        laporan = laporan_harian_buat()
    assert laporan.tanggal.isoformat() == "2026-11-26"
    row = next(a for a in laporan.data["aset"] if a["nama"] == "Server Aplikasi SPSE")
    assert row["disk"][0]["sekarang"] == pytest.approx(70) and row["disk"][0]["puncak"] == pytest.approx(70)
    assert row["ram"]["puncak"] == 95 and row["ram"]["sekarang"] == 60
    assert row["cek"][0]["uptime"] == pytest.approx(97.5)
    assert laporan.data["basi"] == ["Server Basis Data"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(laporan.dokumen.pdf.read())).pages)
    assert "LAPORAN MONITORING HARIAN" in text and "Server Aplikasi SPSE" in text, text
    assert "97,50%" in text and "Server Basis Data" in text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kabid@lpse.test"]
    assert laporan.dokumen.nomor in mail.outbox[0].body


@time_machine.travel("2026-11-26 07:00 +0700", tick=False)
def test_running_the_daily_task_twice_keeps_one_report():
    AsetFactory()
    first = daily_report.delay().get()
    second = daily_report.delay().get()
    assert first == second
    assert LaporanHarian.objects.count() == 1
    assert Dokumen.objects.filter(kode="MON").count() == 1


def test_report_pdf_is_served_to_the_bidang_only(client_as):
    AsetFactory()
    laporan = laporan_harian_buat()
    url = reverse("monitoring:laporan-unduh", args=[laporan.pk])
    response = client_as(roles.ADMIN_SISTEM).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
