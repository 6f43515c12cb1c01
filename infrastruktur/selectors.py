"""Reads of the bidang's own records for the Sekretariat's figures."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from lpse import workcal

from . import hooks
from .models import CekRuangServer, Insiden

# --- Figures for the Sekretariat's Laporan Kegiatan (Pasal 7(2)c) and SOP page (Pasal 12(2)d–f) ---


def working_days_without(start: date, end: date, present: set[date]) -> dict[date, int]:
    """Completed working days (before today, lpse.workcal) of [start, end] not in ``present``, as 1s."""
    last = min(end, timezone.localdate() - timedelta(days=1))
    out, day = {}, start
    while day <= last:
        if workcal.is_working_day(day) and day not in present:
            out[day] = 1
        day += timedelta(days=1)
    return out


def daily_figures(*, start: date, end: date) -> dict[date, dict[str, int]]:
    """This app's additive figures of each day in [start, end], for lpse.totals (two queries):
    ``insiden`` opened that day; ``cek`` 1 on a day with a server-room check (Pasal 16(3)),
    ``cek_terlewat`` 1 on a completed working day without one."""
    from collections import defaultdict

    from django.db.models import Count
    from django.db.models.functions import TruncDate

    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    out: dict[date, dict[str, int]] = defaultdict(dict)
    opened = (
        Insiden.objects.filter(dibuka__gte=lo, dibuka__lt=hi)
        .annotate(hari=TruncDate("dibuka", tzinfo=tz))
        .values_list("hari")
        .annotate(n=Count("id"))
        .order_by()
    )
    for hari, n in opened:
        out[hari]["insiden"] = n
    checks = set(CekRuangServer.objects.filter(tanggal__gte=start, tanggal__lte=end).values_list("tanggal", flat=True))
    for day in checks:
        out[day]["cek"] = 1
    for day, n in working_days_without(start, end, checks).items():
        out[day]["cek_terlewat"] = n
    return dict(out)


# The models whose saves and deletes change daily_figures (lpse.totals).
DAILY_WATCH_FIELDS = {"Insiden": ("dibuka",), "CekRuangServer": ("tanggal",)}


def own_report_figures(*, start: date, end: date) -> dict:
    """This app's own figures of a period: sums of lpse.totals' running totals (``daily_figures``).

    - ``insiden``: incidents opened in the period.
    - ``cek_ruang_server``: days with a server-room check in the period (Pasal 16(3));
      ``cek_ruang_server_terlewat``: completed working days without one.
    """
    from lpse import totals

    day = totals.sums("infrastruktur", start=start, end=end)
    return {
        "insiden": day.get("insiden", 0),
        "cek_ruang_server": day.get("cek", 0),
        "cek_ruang_server_terlewat": day.get("cek_terlewat", 0),
        "tautan": {
            "insiden": reverse("infrastruktur:insiden-list"),
            "cek_ruang_server": reverse("infrastruktur:ruang-list"),
            "cek_ruang_server_terlewat": reverse("infrastruktur:ruang-list"),
        },
    }


def report_figures(*, start: date, end: date) -> dict:
    """Figures of the Bidang Administrasi Sistem Elektronik for sekretariat/sources.py.

    This app's own (``own_report_figures``) merged with those that ``monitoring`` (uptime, daily
    reports: ``monitoring.selectors.report_figures``) and ``backup`` (runs, off-site copies:
    ``backup.selectors.report_figures``) register through ``hooks`` — the bidang reports as one.
    """
    figures = own_report_figures(start=start, end=end)
    for part in hooks.sections("report_figures", start=start, end=end):
        links = part.pop("tautan", {})
        figures.update(part)
        figures["tautan"].update(links)
    return figures
