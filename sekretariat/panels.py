"""The Sekretariat panel on the staff dashboard and its navigation links."""

from django.utils import timezone

NAV_ITEMS = [
    ("Sekretariat", "sekretariat:index", "lpse.akses_sekretariat"),
    ("Statistik", "sekretariat:statistik", "lpse.akses_staf"),
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
    program = selectors.program_kerja(tahun=today.year)
    context = {
        "title": "Sekretariat",
        "ringkasan": summary,
        "progres": program["progres"],
        "per_bidang": program["per_bidang"],
        "sop": None,
    }
    if user.has_perm("sekretariat.pantau_sop"):
        sop = selectors.sop_compliance(start=today.replace(day=1), end=today)
        context["sop"] = {
            "patuh": sum(s["status"] == "patuh" for s in sop),
            "kurang": sum(s["status"] == "kurang" for s in sop),
            "tanpa_data": sum(s["status"] == "tanpa_data" for s in sop),
        }
    return context
