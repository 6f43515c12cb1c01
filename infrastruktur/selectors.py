"""Reads of the bidang's own records for the Sekretariat's figures."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from lpse import workcal

from . import hooks
from .models import CekRuangServer, Insiden

# --- Figures for the Sekretariat's Laporan Kegiatan (Pasal 7(2)c) and SOP page (Pasal 12(2)d–f) ---


def working_days_missing(start: date, end: date, present: set[date]) -> int:
    """Completed working days (lpse.workcal) from ``start`` to ``end`` that are not in ``present``."""
    last = min(end, timezone.localdate() - timedelta(days=1))
    missing, day = 0, start
    while day <= last:
        missing += workcal.is_working_day(day) and day not in present
        day += timedelta(days=1)
    return missing


def own_report_figures(*, start: date, end: date) -> dict:
    """This app's own figures of a period (two queries).

    - ``insiden``: incidents opened in the period.
    - ``cek_ruang_server``: server-room checks recorded in the period (Pasal 16(3));
      ``cek_ruang_server_terlewat``: completed working days without one.
    """
    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    insiden = Insiden.objects.filter(dibuka__gte=lo, dibuka__lt=hi).count()
    checks = set(CekRuangServer.objects.filter(tanggal__gte=start, tanggal__lte=end).values_list("tanggal", flat=True))
    return {
        "insiden": insiden,
        "cek_ruang_server": len(checks),
        "cek_ruang_server_terlewat": working_days_missing(start, end, checks),
        "tautan": {
            "insiden": reverse("infrastruktur:insiden-list"),
            "cek_ruang_server": reverse("infrastruktur:ruang-list"),
            "cek_ruang_server_terlewat": reverse("infrastruktur:ruang-list"),
        },
    }


def report_figures(*, start: date, end: date) -> dict:
    """Figures of the Bidang Administrasi Sistem Elektronik for sekretariat/sources.py (six queries).

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
