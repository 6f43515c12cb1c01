"""The Administrasi Sistem Elektronik panel on the staff dashboard and its navigation links.

Monitoring (asset states, the daily report) and backup (Pasal 18) add their
sections through ``hooks`` ("panel"); this app does not import them.
"""

from django.utils import timezone

from . import hooks

NAV_ITEMS = [
    ("Administrasi Sistem Elektronik", "infrastruktur:index", "lpse.akses_infrastruktur"),
]


def panel(request) -> dict | None:
    """Open incidents and the server-room check (three queries), then the registered sections."""
    if not request.user.has_perm("lpse.akses_infrastruktur"):
        return None
    from .models import CekRuangServer, Insiden
    from .services.operasi import cek_ruang_hari_terlewat

    today = timezone.localdate()
    sections = hooks.sections("panel")
    return {
        "title": "Administrasi Sistem Elektronik",
        # Monitoring's and backup's figures (servers with problems, the last backup), one style.
        "angka": [a for section in sections for a in section.get("angka", [])],
        "insiden": Insiden.objects.exclude(status=Insiden.Status.DITUTUP).count(),
        "cek_ruang": CekRuangServer.objects.filter(tanggal=today).exists(),
        "terlewat": len(cek_ruang_hari_terlewat(today=today)),
        "sections": sections,
    }
