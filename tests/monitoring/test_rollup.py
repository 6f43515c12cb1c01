"""Raw samples 30 days, hourly roll-ups 2 years, daily forever (nightly task)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from monitoring.models import Rollup, Sampel
from monitoring.services.metrik import metrik_collect_local, rollup_and_prune
from monitoring.tasks import collect_local
from tests.infrastruktur.factories import AsetFactory

pytestmark = pytest.mark.django_db


def test_rollup_aggregates_hours_and_days_and_is_idempotent():
    aset = AsetFactory()
    local = timezone.localtime()
    day = local.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=1)
    # yesterday 10:00–11:55 WIB: hour 10 at 40 %, hour 11 at 60 %
    Sampel.objects.bulk_create(
        [
            Sampel(aset=aset, seri="disk.pct:/", waktu=day + timedelta(hours=10, minutes=5 * i), nilai=40)
            for i in range(12)
        ]
        + [
            Sampel(aset=aset, seri="disk.pct:/", waktu=day + timedelta(hours=11, minutes=5 * i), nilai=60 + i)
            for i in range(12)
        ]
    )
    rollup_and_prune()
    hours = {timezone.localtime(r.waktu).hour: r for r in Rollup.objects.filter(resolusi="jam")}
    assert hours[10].rata == 40 and hours[10].jumlah == 12
    assert hours[11].minimum == 60 and hours[11].maksimum == 71 and hours[11].rata == pytest.approx(65.5)
    daily = Rollup.objects.get(resolusi="hari")
    assert timezone.localtime(daily.waktu) == day  # a WIB day
    assert daily.rata == pytest.approx((40 * 12 + 65.5 * 12) / 24) and daily.maksimum == 71 and daily.jumlah == 24
    rollup_and_prune()
    assert Rollup.objects.count() == 3


def test_prune_keeps_30_days_of_raw_and_2_years_of_hours():
    aset = AsetFactory()
    now = timezone.now()
    Sampel.objects.bulk_create(
        [Sampel(aset=aset, seri="cpu.load1", waktu=now - timedelta(days=d), nilai=1) for d in (1, 29, 31, 60)]
    )
    old = {"seri": "cpu.load1", "rata": 1, "minimum": 1, "maksimum": 1, "jumlah": 1, "aset": aset}
    Rollup.objects.bulk_create(
        [
            Rollup(resolusi="jam", waktu=now - timedelta(days=700), **old),
            Rollup(resolusi="jam", waktu=now - timedelta(days=800), **old),
            Rollup(resolusi="hari", waktu=now - timedelta(days=3000), **old),
        ]
    )
    result = rollup_and_prune(now=now)
    assert result["hapus_mentah"] == 2 and result["hapus_jam"] == 1
    assert Sampel.objects.count() == 2
    assert Rollup.objects.filter(resolusi="hari", waktu__lt=now - timedelta(days=2000)).exists()  # daily forever


def test_local_collection_records_this_host_with_psutil():
    """Pasal 17(1)–(2): disk, inode, RAM, swap, CPU and traffic of this host."""
    n = collect_local.delay().get()
    assert n > 0
    series = set(Sampel.objects.values_list("seri", flat=True))
    assert {"ram.pct", "ram.avail_pct", "cpu.load1", "cpu.pct"} <= series
    assert any(s.startswith("disk.pct:") for s in series)
    metrik_collect_local()  # second run: traffic rates appear
    assert Sampel.objects.filter(seri__startswith="net.rx:").exists()


def test_hourly_rollup_does_not_prune_and_nightly_task_is_scheduled():
    from django_celery_beat.models import PeriodicTask

    aset = AsetFactory()
    Sampel.objects.create(aset=aset, seri="cpu.load1", waktu=timezone.now() - timedelta(days=40), nilai=1)
    assert rollup_and_prune(prune=False)["hapus_mentah"] == 0
    assert Sampel.objects.count() == 1
    nightly = PeriodicTask.objects.get(task="infrastruktur.tasks.rollup_and_prune")
    assert (nightly.crontab.hour, nightly.crontab.minute) == ("0", "30")
    assert PeriodicTask.objects.get(task="infrastruktur.tasks.rollup_hourly").crontab.hour == "*"
