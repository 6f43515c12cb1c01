"""The Layanan dan Dukungan panel on the staff dashboard and its navigation link."""

NAV_ITEMS = [("Layanan dan Dukungan", "layanan:index", "lpse.akses_layanan")]


def panel(request) -> dict | None:
    """Open tickets by status, near/past SLA and escalations waiting on LKPP (two queries)."""
    if not request.user.has_perm("lpse.akses_layanan"):
        return None
    from .selectors import panel_counts

    return {"title": "Layanan dan Dukungan", "counts": panel_counts()}
