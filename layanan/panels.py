"""The Layanan dan Dukungan panel on the staff dashboard and its navigation link."""

NAV_ITEMS = [("Layanan dan Dukungan", "layanan:index", "lpse.akses_layanan")]


def panel(request) -> dict | None:
    if not request.user.has_perm("lpse.akses_layanan"):
        return None
    return {"title": "Layanan dan Dukungan"}
