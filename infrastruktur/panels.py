"""The Administrasi Sistem Elektronik panel on the staff dashboard and its navigation links."""

from django.utils import timezone

NAV_ITEMS = [
    ("Administrasi Sistem Elektronik", "infrastruktur:index", "lpse.akses_infrastruktur"),
    # LKPP (Pasal 17(6)) holds only akses_monitoring; staff of the bidang see both links.
    ("Monitoring", "infrastruktur:monitoring", "lpse.akses_monitoring"),
]


def panel(request) -> dict | None:
    """Asset states, open incidents, today's report, server-room check (five aggregate queries) and backups."""
    if not request.user.has_perm("lpse.akses_infrastruktur"):
        return None
    from . import selectors
    from .backup.panel import backup_panel_context
    from .models import CekRuangServer, Insiden, LaporanHarian
    from .services.operasi import cek_ruang_hari_terlewat

    today = timezone.localdate()
    return {
        "title": "Administrasi Sistem Elektronik",
        "counts": selectors.state_counts(),
        "insiden": Insiden.objects.exclude(status=Insiden.Status.DITUTUP).count(),
        "laporan": LaporanHarian.objects.filter(tanggal=today, dokumen__isnull=False).exists(),
        "cek_ruang": CekRuangServer.objects.filter(tanggal=today).exists(),
        "terlewat": len(cek_ruang_hari_terlewat(today=today)),
        "backup": backup_panel_context(),  # Pasal 18: last verified backup, progress, off-site copies
    }
