"""The Registrasi dan Verifikasi panel on the staff dashboard and its navigation link."""

NAV_ITEMS = [("Registrasi dan Verifikasi", "registrasi:index", "lpse.akses_registrasi")]


def panel(request) -> dict | None:
    if not request.user.has_perm("lpse.akses_registrasi"):
        return None
    return {"title": "Registrasi dan Verifikasi"}
