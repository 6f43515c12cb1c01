"""lpse.totals: running totals per day and bidang (issue 14), through layanan's registration."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from layanan.models import Tiket
from lpse import tasks, totals
from lpse.models import DailyTotal, DailyTotalDirty, DailyTotalRange
from tests.layanan.factories import make_tiket

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)  # 10.00 WIB
TZ = timezone.get_fixed_timezone(7 * 60)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=True):
        yield


def wib(day, hour=9):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def test_past_days_are_stored_and_today_is_counted_live():
    today = dt.date(2026, 11, 26)
    make_tiket(at=wib(dt.date(2026, 11, 20)))
    make_tiket(at=wib(dt.date(2026, 11, 24)))
    make_tiket(at=wib(today, 8))
    assert totals.sums("layanan", start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))["masuk"] == 3
    stored = DailyTotal.objects.filter(bidang="layanan", kunci="masuk")
    assert sorted(stored.values_list("tanggal", flat=True)) == [dt.date(2026, 11, 20), dt.date(2026, 11, 24)]
    rng = DailyTotalRange.objects.get(bidang="layanan")
    assert (rng.dari, rng.sampai) == (dt.date(2026, 11, 1), today)  # up to yesterday, today stays live
    make_tiket(at=wib(today, 9))
    assert totals.sums("layanan", start=today, end=today)["masuk"] == 2


def test_a_change_marks_its_old_and_new_days_and_the_next_read_recomputes_them():
    t = make_tiket(at=wib(dt.date(2026, 11, 10)))
    period = {"start": dt.date(2026, 11, 1), "end": dt.date(2026, 11, 25)}
    assert totals.sums("layanan", **period)["masuk"] == 1
    assert not DailyTotalDirty.objects.exists()
    t.dibuat = wib(dt.date(2026, 10, 30))
    t.save()
    assert set(DailyTotalDirty.objects.values_list("tanggal", flat=True)) >= {
        dt.date(2026, 11, 10),
        dt.date(2026, 10, 30),
    }
    assert totals.sums("layanan", **period).get("masuk", 0) == 0
    assert totals.sums("layanan", start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31))["masuk"] == 1
    Tiket.objects.get(pk=t.pk).delete()
    assert totals.sums("layanan", start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31)).get("masuk", 0) == 0


def test_the_nightly_task_moves_the_watermark_to_yesterday_and_clears_dirty_days():
    make_tiket(at=wib(dt.date(2026, 11, 25)))
    assert tasks.refresh_daily_totals.delay().get() == totals.sources()
    rng = DailyTotalRange.objects.get(bidang="layanan")
    assert rng.sampai == dt.date(2026, 11, 26)
    assert not DailyTotalDirty.objects.filter(tanggal__lt=rng.sampai).exists()
    assert DailyTotal.objects.get(bidang="layanan", tanggal=dt.date(2026, 11, 25), kunci="masuk").nilai == 1


def test_forget_all_drops_totals_written_before_a_bulk_load():
    make_tiket(at=wib(dt.date(2026, 11, 2)))
    totals.sums("layanan", start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 25))
    totals.forget_all()
    assert not DailyTotal.objects.exists() and not DailyTotalRange.objects.exists()
    assert totals.sums("layanan", start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 25))["masuk"] == 1
