"""Rules that must hold when two workers act at the same moment."""

import threading

import pytest
from django.db import connection

from infrastruktur.models import Insiden
from lpse.models import Dokumen
from monitoring.models import LaporanHarian
from monitoring.services.evaluasi import insiden_buka
from monitoring.services.laporan import laporan_harian_buat
from tests.infrastruktur.factories import AsetFactory


def _race(n, target):
    barrier = threading.Barrier(n)
    errors = []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_workers_seeing_the_same_failure_open_one_incident():
    from django.utils import timezone

    aset = AsetFactory()
    errors = _race(4, lambda: insiden_buka(aset=aset, kode="cek.1", judul="SPSE tidak terjangkau", now=timezone.now()))
    assert errors == []
    assert Insiden.objects.filter(aset=aset, kode="cek.1").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_daily_runs_at_once_leave_one_report_and_one_number():
    AsetFactory()
    errors = _race(2, laporan_harian_buat)
    assert errors == []
    assert LaporanHarian.objects.count() == 1
    assert Dokumen.objects.filter(kode="MON").count() == 1
