"""The Sekretariat panel on the staff dashboard and its navigation link."""

NAV_ITEMS = [("Sekretariat", "sekretariat:index", "lpse.akses_sekretariat")]


def panel(request) -> dict | None:
    if not request.user.has_perm("lpse.akses_sekretariat"):
        return None
    return {"title": "Sekretariat"}
