"""The Layanan dan Dukungan panel on the staff dashboard and its navigation link."""

NAV_ITEMS = [
    ("Layanan dan Dukungan", "layanan:index", "lpse.akses_layanan"),
    ("Ruang LPSE", "layanan:ruang-kalender", "layanan.add_pemesananruang"),
    ("Tiket saya", "layanan:tiket-saya", None),  # every logged-in user follows their own tickets
]


def panel(request) -> dict | None:
    """Open tickets by status, near/past SLA, escalations waiting on LKPP,
    today's trainings and bookings (four queries, whatever the volume)."""
    if not request.user.has_perm("lpse.akses_layanan"):
        return None
    from django.utils import timezone

    from .selectors import dashboard_figures, panel_counts, panel_today

    return {
        "title": "Layanan dan Dukungan",
        "angka": dashboard_figures(today=timezone.localdate()),
        "counts": panel_counts(),
        **panel_today(),
    }
