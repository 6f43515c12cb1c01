"""Trainings held in a period (the rule report_figures and the trainings list share)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone


def pelatihan_period(params) -> dict | None:
    """``dari``/``sampai`` (ISO dates) of a trainings link, or None when absent or malformed."""
    try:
        lo, hi = date.fromisoformat(params.get("dari", "")), date.fromisoformat(params.get("sampai", ""))
    except ValueError:
        return None
    return {"dari": lo, "sampai": hi} if lo <= hi else None


def pelatihan_held_q(*, dari: date, sampai: date, now: datetime | None = None) -> Q:
    """Published trainings that ended in [dari, sampai] and before now: held (report_figures' rule)."""
    tz = timezone.get_current_timezone()
    hi = min(datetime.combine(sampai + timedelta(days=1), time.min, tz), now or timezone.now())
    return Q(terbit=True, selesai__gte=datetime.combine(dari, time.min, tz), selesai__lt=hi)
