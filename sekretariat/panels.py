"""The Sekretariat panel on the staff dashboard and its navigation links."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from lpse import figures

logger = logging.getLogger(__name__)

NAV_ITEMS = [
    ("Sekretariat", "sekretariat:index", "lpse.akses_sekretariat"),
    ("Statistik", "sekretariat:statistik", "lpse.akses_staf"),
    ("Disposisi", "sekretariat:disposisi-saya", "lpse.akses_staf"),
    # Pasal 8(4)f: the Sekretariat keeps the register; every staff member may ask for items.
    ("Perlengkapan", "sekretariat:barang-list", "sekretariat.kelola_perlengkapan"),
    ("Permintaan barang", "sekretariat:permintaan-list", "lpse.akses_staf"),
]


def panel(request) -> dict | None:
    """Program kerja progress, letters awaiting disposition, SK ending within 60 days,
    risks due, and (for the Kepala Unit and Sekretaris) the SOP summary of this month.
    A constant number of aggregate queries."""
    from . import selectors

    user = request.user
    if not user.has_perm("lpse.akses_sekretariat"):
        return None
    today = timezone.localdate()
    summary = selectors.panel_summary(today=today)
    try:
        # Realisation and the SOP summary read a year of every bidang's data
        # (seconds at 500,000 tickets): the panel shows figures at most
        # PANEL_CACHE_SECONDS old; the pages themselves always compute afresh.
        program = cache.get_or_set(
            f"sekretariat:panel:program:{today.year}", lambda: selectors.program_kerja(tahun=today.year), _ttl()
        )
    except Exception:  # automatic realisation reads other bidang's selectors; see below
        logger.exception("Capaian program kerja gagal dihitung")
        program = {"progres": None, "per_bidang": []}
    context = {
        "title": "Sekretariat",
        "ringkasan": summary,
        "progres": program["progres"],
        "per_bidang": program["per_bidang"],
        "sop": None,
        "angka": [],
    }
    if user.has_perm("sekretariat.pantau_sop"):
        try:
            sop = cache.get_or_set(
                f"sekretariat:panel:sop:{today.isoformat()}",
                lambda: selectors.sop_compliance(start=today.replace(day=1), end=today),
                _ttl(),
            )
        except Exception:  # another bidang's selector failing must not take the whole dashboard down
            logger.exception("Ringkasan SOP gagal dihitung")
            context["sop_gagal"] = True
            return context
        context["sop"] = _sop_counts(sop)
        try:
            prev_start = figures.previous_month(today.replace(day=1))
            prev_end = figures.month_end(prev_start)
            sop_prev = cache.get_or_set(
                f"sekretariat:panel:sop:{prev_start.isoformat()}:{prev_end.isoformat()}",
                lambda: selectors.sop_compliance(start=prev_start, end=prev_end),
                _ttl(),
            )
        except Exception:  # as above: last month missing leaves this month's figure standing
            logger.exception("Ringkasan SOP bulan lalu gagal dihitung")
            sop_prev = None
        context["angka"] = [_sop_figure(today, context["sop"], _sop_counts(sop_prev) if sop_prev else None)]
    return context


def _sop_counts(sop) -> dict:
    return {
        "patuh": sum(s["status"] == "patuh" for s in sop),
        "kurang": sum(s["status"] == "kurang" for s in sop),
        "tanpa_data": sum(s["status"] == "tanpa_data" for s in sop),
        "total": len(sop),
    }


def _sop_figure(today, counts: dict, prev: dict | None) -> dict:
    """SOP compliance (Pasal 12(2)) this month against last, linked to the SOP page of each period."""
    from django.urls import reverse

    this = today.replace(day=1)
    prev_start = figures.previous_month(this)
    url = reverse("sekretariat:sop")
    note = f"dari {counts['total']} SOP"
    if counts["kurang"]:
        note += f"; {counts['kurang']} ada kekurangan"
    if counts["tanpa_data"]:
        note += f"; {counts['tanpa_data']} belum ada data"
    return figures.figure(
        key="sop-patuh",
        label="SOP dipatuhi",
        value=counts["patuh"],
        url=f"{url}?mulai={this.isoformat()}&selesai={today.isoformat()}",
        previous=prev["patuh"] if prev else None,
        previous_url=f"{url}?mulai={prev_start.isoformat()}&selesai={figures.month_end(prev_start).isoformat()}",
        trend=[(prev_start, prev["patuh"]), (this, counts["patuh"])] if prev else None,
        note=note,
        attention="danger" if counts["kurang"] else "",
    )


def _ttl() -> int:
    return getattr(settings, "PANEL_CACHE_SECONDS", 600)
