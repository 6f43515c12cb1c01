"""The Registrasi dan Verifikasi panel on the staff dashboard and its navigation link."""

from . import selectors
from .models import Penonaktifan

NAV_ITEMS = [("Registrasi dan Verifikasi", "registrasi:index", "lpse.akses_registrasi")]


def panel(request) -> dict | None:
    """Waiting, past the SLA target, today's appointments, deactivations to decide: three queries."""
    if not request.user.has_perm("lpse.akses_registrasi"):
        return None
    from django.utils import timezone

    counts = selectors.status_counts()
    return {
        "title": "Registrasi dan Verifikasi",
        "angka": selectors.dashboard_figures(today=timezone.localdate(), counts=counts),
        "menunggu": counts["diajukan"],
        "lewat_sla": counts["lewat_sla"],
        "jadwal_hari_ini": list(selectors.jadwal_hari_ini()[:10]),
        "penonaktifan": Penonaktifan.objects.filter(status=Penonaktifan.Status.DIAJUKAN).count(),
    }
