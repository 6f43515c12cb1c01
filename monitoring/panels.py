"""Monitoring's navigation link; its dashboard figures are a section of the infrastruktur panel
(registered in apps.py), so it has no panel of its own."""

NAV_ITEMS = [
    # LKPP (Pasal 17(6)) holds only akses_monitoring; staff of the bidang see both links.
    ("Monitoring", "monitoring:overview", "lpse.akses_monitoring"),
]


def panel(request) -> None:
    return None
