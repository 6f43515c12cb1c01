"""The backup section of the Administrasi Sistem Elektronik panel on /staf/ (Pasal 18).

``parts.panel_section`` adds ``backup/panel_section.html`` with
``backup_panel_context()`` to infrastruktur's panel; about six queries whatever the data.
"""

from django.conf import settings

from . import selectors


def backup_panel_context() -> dict:
    sources = selectors.sources_with_runs()
    offsite = selectors.offsite_status()
    warnings = []
    for source in sources:
        if not source.aktif:
            continue
        if source.last_good is None:
            warnings.append(f"{source.nama}: belum ada backup yang berhasil diverifikasi.")
        elif source.stale:
            warnings.append(f"{source.nama}: backup terverifikasi terakhir {source.last_good_age_days} hari lalu.")
        if source.last_failed:
            warnings.append(f"{source.nama}: backup terakhir gagal — {source.last_run.pesan}")
    if offsite["days"] is None:
        warnings.append("Belum pernah ada salinan backup di media portabel di luar ruang server (Pasal 18 ayat 2).")
    elif offsite["overdue"]:
        warnings.append(
            f"Tidak ada salinan backup ke luar ruang server selama {offsite['days']} hari "
            f"(batas {offsite['limit']} hari, Pasal 18 ayat 2)."
        )
    for label in offsite["failed_media"]:
        warnings.append(f"Salinan terakhir ke media {label} gagal verifikasi.")
    return {
        "sources": [s for s in sources if s.aktif or s.active_run],
        "offsite": offsite,
        "warnings": warnings,
        "dev_key": settings.BACKUP_DEV_KEY_FILE,  # a demo's key under var/ (lpse/settings.py)
    }
