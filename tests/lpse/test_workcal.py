"""Working time for SLA clocks: Monday–Friday, 08.00–16.00 WIB, Indonesian
public holidays and the office's extra days off skipped."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from lpse import workcal

WIB = ZoneInfo("Asia/Jakarta")


def at(y, m, d, hh=0, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=WIB)


@pytest.fixture(autouse=True)
def _fresh_holiday_cache():
    workcal._holidays_for.cache_clear()
    yield
    workcal._holidays_for.cache_clear()


def test_weekends_and_public_holidays_are_not_working_days():
    assert workcal.is_working_day(date(2026, 11, 24))  # a Tuesday
    assert not workcal.is_working_day(date(2026, 11, 28))  # Saturday
    assert not workcal.is_working_day(date(2026, 8, 17))  # Hari Kemerdekaan, a Monday
    assert not workcal.is_working_day(date(2026, 12, 25))


def test_extra_holidays_from_settings_count(settings):
    settings.EXTRA_HOLIDAYS = ["2026-12-24"]  # cuti bersama
    assert not workcal.is_working_day(date(2026, 12, 24))


def test_working_seconds_only_count_office_hours():
    # Friday 15.00 → Monday 09.00: one hour on Friday, one on Monday.
    assert workcal.working_seconds_between(at(2026, 11, 20, 15), at(2026, 11, 23, 9)) == 2 * 3600
    # Evenings count nothing; reversed ranges are zero.
    assert workcal.working_seconds_between(at(2026, 11, 24, 17), at(2026, 11, 24, 23)) == 0
    assert workcal.working_seconds_between(at(2026, 11, 24, 12), at(2026, 11, 24, 10)) == 0


def test_working_seconds_accept_utc_times():
    start = datetime(2026, 11, 24, 1, 0, tzinfo=ZoneInfo("UTC"))  # 08.00 WIB
    end = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("UTC"))  # 16.00 WIB
    assert workcal.working_seconds_between(start, end) == 8 * 3600


def test_one_working_day_after_friday_afternoon_is_monday_afternoon():
    assert workcal.add_working_days(at(2026, 11, 20, 15), 1) == at(2026, 11, 23, 15)


def test_deadline_skips_a_public_holiday():
    # Friday 14 August 2026, 15.00 + 1 working day: Monday 17 August is a holiday.
    assert workcal.add_working_days(at(2026, 8, 14, 15), 1) == at(2026, 8, 18, 15)


def test_a_request_made_at_night_starts_counting_next_morning():
    assert workcal.add_working_seconds(at(2026, 11, 24, 20), 3600) == at(2026, 11, 25, 9)
