"""Working time of the LPSE office: Monday to Friday, office hours from
settings, Indonesian public holidays (``holidays`` package, plus any extra
dates the office sets, e.g. cuti bersama) skipped. SLA clocks of every bidang
count in this time."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


def _office_hours() -> tuple[time, time]:
    start, end = getattr(settings, "OFFICE_HOURS", ("08:00", "16:00"))
    return time.fromisoformat(start), time.fromisoformat(end)


@lru_cache(maxsize=64)
def _holidays_for(year: int) -> frozenset[date]:
    extra = {date.fromisoformat(d) for d in getattr(settings, "EXTRA_HOLIDAYS", []) if d.startswith(str(year))}
    return frozenset(holidays.Indonesia(years=year).keys()) | extra


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays_for(day.year)


def days_off_between(first: date, last: date) -> list[date]:
    """Holidays (not weekends) from ``first`` to ``last``, for a query to exclude."""
    years = range(first.year, last.year + 1)
    return sorted(d for y in years for d in _holidays_for(y) if first <= d <= last)


def within_office_hours(start: datetime, end: datetime) -> bool:
    """Whether ``start``–``end`` lies inside one working day's office hours."""
    open_t, close_t = _office_hours()
    start, end = _local(start), _local(end)
    return (
        start.date() == end.date()
        and is_working_day(start.date())
        and open_t <= start.time()
        and end.time() <= close_t
        and start < end
    )


def office_hours_label() -> str:
    open_t, close_t = _office_hours()
    return f"{open_t:%H.%M}–{close_t:%H.%M}"


def _local(dt: datetime) -> datetime:
    return timezone.localtime(dt)


def working_seconds_between(start: datetime, end: datetime) -> int:
    """Working seconds from ``start`` to ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    open_t, close_t = _office_hours()
    tz = timezone.get_current_timezone()
    start, end = _local(start), _local(end)
    total = 0
    day = start.date()
    while day <= end.date():
        if is_working_day(day):
            day_open = datetime.combine(day, open_t, tz)
            day_close = datetime.combine(day, close_t, tz)
            lo, hi = max(start, day_open), min(end, day_close)
            if hi > lo:
                total += int((hi - lo).total_seconds())
        day += timedelta(days=1)
    return total


def add_working_seconds(start: datetime, seconds: int) -> datetime:
    """The moment when ``seconds`` of working time have passed since ``start``."""
    open_t, close_t = _office_hours()
    tz = timezone.get_current_timezone()
    current = _local(start)
    remaining = seconds
    for _ in range(3660):  # at most ten years of days: a bound, not a limit anyone meets
        day = current.date()
        if is_working_day(day):
            day_open = datetime.combine(day, open_t, tz)
            day_close = datetime.combine(day, close_t, tz)
            lo = max(current, day_open)
            if lo < day_close:
                available = int((day_close - lo).total_seconds())
                if remaining <= available:
                    return lo + timedelta(seconds=remaining)
                remaining -= available
        current = datetime.combine(day + timedelta(days=1), time(0, 0), tz)
    raise ValueError("Durasi kerja terlalu panjang.")


def working_day_seconds() -> int:
    open_t, close_t = _office_hours()
    return (datetime.combine(date.min, close_t) - datetime.combine(date.min, open_t)).seconds


def add_working_days(start: datetime, days: int) -> datetime:
    """Deadline ``days`` full working days after ``start`` (e.g. a 3-day SLA)."""
    return add_working_seconds(start, days * working_day_seconds())
