"""Reads shared by the Layanan views, with their joins inside.

Split by sub-domain (issue 10); every public name is re-exported here, so callers
keep writing ``selectors.tiket_queue(...)`` and ``from layanan.selectors import X``.
"""

from .dashboard import dashboard_figures, panel_counts, panel_today
from .faq import faq_search
from .laporan import DAILY_WATCH_FIELDS, daily_figures, report_figures
from .pelatihan import pelatihan_held_q, pelatihan_period
from .tiket import (
    PERIOD_FILTERS,
    QUEUE_FIELDS,
    QUEUE_PAGE_SIZE,
    TEMPLAT_CACHE_KEY,
    QueuePage,
    balasan_templat,
    escalated_seconds,
    reopen_deadline,
    tiket_for_requester,
    tiket_for_staff,
    tiket_queue,
)

__all__ = [
    "DAILY_WATCH_FIELDS",
    "PERIOD_FILTERS",
    "QUEUE_FIELDS",
    "QUEUE_PAGE_SIZE",
    "TEMPLAT_CACHE_KEY",
    "QueuePage",
    "balasan_templat",
    "daily_figures",
    "dashboard_figures",
    "escalated_seconds",
    "faq_search",
    "panel_counts",
    "panel_today",
    "pelatihan_held_q",
    "pelatihan_period",
    "reopen_deadline",
    "report_figures",
    "tiket_for_requester",
    "tiket_for_staff",
    "tiket_queue",
]
