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
        "angka": _figures(sources, warnings),
        "sources": [s for s in sources if s.aktif or s.active_run],
        "offsite": offsite,
        "warnings": warnings,
        "dev_key": settings.BACKUP_DEV_KEY_FILE,  # a demo's key under var/ (lpse/settings.py)
    }


def _figures(sources, warnings) -> list[dict]:
    """The last backup and its restore test (the verification restores the archive, Pasal 18),
    for the Kepala Unit's dashboard (issue 13); read from the runs already loaded, no query."""
    from django.urls import reverse
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from lpse.figures import figure

    runs = [s.last_run for s in sources if s.aktif and s.last_run and s.last_run.selesai]
    last = max(runs, key=lambda r: r.selesai, default=None)
    if last is None:
        display, note = "belum ada", "belum pernah ada backup"
    else:
        display = date_format(localtime(last.selesai), "j M Y H.i")
        if last.verifikasi_ok:
            note = "uji pemulihan berhasil " + date_format(localtime(last.verifikasi_pada), "j M Y H.i")
        elif last.verifikasi_ok is False:
            note = "uji pemulihan gagal"
        else:
            note = "uji pemulihan belum dijalankan"
    return [
        figure(
            key="backup-terakhir",
            label="Backup terakhir",
            value=display,
            display=display,
            url=reverse("backup:index"),
            note=note,
            attention="danger" if warnings else "",
        )
    ]
