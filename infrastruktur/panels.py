"""The Administrasi Sistem Elektronik panel on the staff dashboard and its navigation link."""

NAV_ITEMS = [("Administrasi Sistem Elektronik", "infrastruktur:index", "lpse.akses_infrastruktur")]


def panel(request) -> dict | None:
    if not request.user.has_perm("lpse.akses_infrastruktur"):
        return None
    return {"title": "Administrasi Sistem Elektronik"}
