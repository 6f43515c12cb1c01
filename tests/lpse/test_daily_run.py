"""Daily SOP tasks run once per day even when two beats queue them."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from lpse.models import DailyRun
from lpse.schedules import once_per_day

calls: list[str] = []


@once_per_day(lease_seconds=60, skipped=0)
def _daily(tag: str = "x") -> int:
    calls.append(tag)
    return 1


@once_per_day(lease_seconds=60, skipped=0)
def _failing() -> int:
    raise RuntimeError("SMTP mati")


@pytest.fixture(autouse=True)
def _fresh_calls():
    calls.clear()


def test_second_queueing_the_same_day_does_nothing(db):
    with time_machine.travel("2026-11-26 07:00 +0700", tick=False):
        assert _daily() == 1
        assert _daily() == 0
    with time_machine.travel("2026-11-27 07:00 +0700", tick=False):
        assert _daily() == 1
    assert len(calls) == 2
    assert list(DailyRun.objects.order_by("tanggal").values_list("tanggal", flat=True)) == [
        timezone.datetime(2026, 11, 26).date(),
        timezone.datetime(2026, 11, 27).date(),
    ]
    assert all(DailyRun.objects.values_list("selesai", flat=True))


def test_a_failed_run_gives_its_claim_back(db):
    with pytest.raises(RuntimeError):
        _failing()
    assert not DailyRun.objects.exists()


def test_a_claim_left_by_a_killed_worker_is_taken_over_after_its_lease(db):
    DailyRun.objects.create(task=_daily.daily_task_name, tanggal=timezone.localdate(), mulai=timezone.now())
    assert _daily() == 0  # the other worker may still be at it
    DailyRun.objects.update(mulai=timezone.now() - timedelta(seconds=61))
    assert _daily() == 1
    assert DailyRun.objects.get().selesai is not None


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_run_it_once():
    barrier = threading.Barrier(2)
    results = []

    def worker():
        barrier.wait()
        try:
            results.append(_daily("t"))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [0, 1]
    assert calls == ["t"]
